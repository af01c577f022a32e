'use strict';
// @confluentinc/kafka-javascript (librdkafka). Two shapes: its KafkaJS-compatible API with
// eachBatch (what a migration from kafkajs would use; defaults, so batches of at most 32,
// and once with batches of up to 1000)
// and its node-rdkafka API with consume(1000) in a loop (the fastest path it offers).
const confluent = require('@confluentinc/kafka-javascript');

const ASSIGN_PARTITIONS = confluent.CODES.ERRORS.ERR__ASSIGN_PARTITIONS;

function consumeKafkaJsApiWith(extraConfig) {
  return (args) => consumeKafkaJsApi(args, extraConfig);
}

async function consumeKafkaJsApi({ brokers, topic, groupId, onJoin, onMessages }, extraConfig) {
  const { Kafka, logLevel } = confluent.KafkaJS;
  const kafka = new Kafka({ kafkaJS: { clientId: 'bench-confluent', brokers, logLevel: logLevel.ERROR } });
  const consumer = kafka.consumer({
    ...extraConfig,
    kafkaJS: { groupId, fromBeginning: true, autoCommit: true, autoCommitInterval: 5000 },
    rebalance_cb: (err) => {
      if (err.code === ASSIGN_PARTITIONS) onJoin();
    },
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic] });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      let bytes = 0;
      for (const m of batch.messages) bytes += m.value.length;
      onMessages(batch.messages.length, bytes);
    },
  });
  return () => consumer.disconnect();
}

function consumeNativeApi({ brokers, topic, groupId, onJoin, onMessages }) {
  return new Promise((resolve, reject) => {
    let stopped = false;
    const consumer = new confluent.KafkaConsumer(
      {
        'group.id': groupId,
        'client.id': 'bench-confluent-native',
        'metadata.broker.list': brokers.join(','),
        'enable.auto.commit': true,
        'auto.commit.interval.ms': 5000,
        rebalance_cb(err, assignment) {
          if (err.code === ASSIGN_PARTITIONS) {
            this.assign(assignment);
            onJoin();
          } else {
            this.unassign();
          }
        },
      },
      { 'auto.offset.reset': 'earliest' },
    );
    const loop = () => {
      if (stopped) return;
      consumer.consume(1000, (err, messages) => {
        if (err) return reject(err);
        let bytes = 0;
        for (const m of messages) bytes += m.value.length;
        if (messages.length > 0) onMessages(messages.length, bytes);
        setImmediate(loop);
      });
    };
    consumer.on('event.error', reject);
    consumer.on('ready', () => {
      consumer.subscribe([topic]);
      loop();
      resolve(
        () =>
          new Promise((done) => {
            stopped = true;
            consumer.disconnect(() => done());
          }),
      );
    });
    consumer.connect();
  });
}

module.exports = {
  kafkajsApi: consumeKafkaJsApiWith({}),
  // The one knob its migration guide names for eachBatch throughput (default 32).
  kafkajsApiBatch1000: consumeKafkaJsApiWith({ 'js.consumer.max.batch.size': 1000 }),
  native: consumeNativeApi,
};

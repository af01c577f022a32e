'use strict';
// kafkajs 2.2.4, the project's client. Two shapes: eachBatch (what libs/kafka uses) and
// eachMessage (the API most kafkajs code starts with). Client defaults otherwise.
const { Kafka, logLevel } = require('kafkajs');

function consumeWith(shape) {
  return async function consume({ brokers, topic, groupId, onJoin, onMessages }) {
    const kafka = new Kafka({ clientId: 'bench-kafkajs', brokers, logLevel: logLevel.ERROR });
    const consumer = kafka.consumer({ groupId });
    consumer.on(consumer.events.GROUP_JOIN, () => onJoin());
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const handlers =
      shape === 'batch'
        ? { eachBatch: async ({ batch }) => onMessages(batch.messages.length, sumValueBytes(batch.messages)) }
        : { eachMessage: async ({ message }) => onMessages(1, message.value.length) };
    await consumer.run({ autoCommitInterval: 5000, ...handlers });
    return () => consumer.disconnect();
  };
}

function sumValueBytes(messages) {
  let bytes = 0;
  for (const m of messages) bytes += m.value.length;
  return bytes;
}

module.exports = { batch: consumeWith('batch'), message: consumeWith('message') };

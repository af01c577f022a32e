'use strict';
// @platformatic/kafka 1.x: pure JS, consumer is a Readable stream of messages.
// Client defaults (maxBytes 10 MB, maxWaitTime 5 s, autocommit) otherwise.
const { Consumer, MessagesStreamModes } = require('@platformatic/kafka');

async function consume({ brokers, topic, groupId, onJoin, onMessages }) {
  const consumer = new Consumer({ clientId: 'bench-platformatic', groupId, bootstrapBrokers: brokers });
  consumer.on('consumer:group:join', () => onJoin());
  const stream = await consumer.consume({
    topics: [topic],
    mode: MessagesStreamModes.EARLIEST,
    autocommit: 5000,
  });
  stream.on('data', (message) => onMessages(1, message.value.length));
  stream.on('error', (error) => {
    console.error(error);
    process.exit(2);
  });
  return async () => {
    await stream.close();
    await consumer.close(true);
  };
}

module.exports = { stream: consume };

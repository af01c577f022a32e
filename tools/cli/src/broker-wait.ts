/**
 * How long `redline produce` and `simulate --to-kafka` keep sending a batch
 * while the broker cannot be reached, by default: long enough to ride out a
 * broker restart. kafkajs's own retries gave up after about 10 s, and
 * `produce` exited 1 on the fault suite's broker restart, whose broker was
 * down 15-30 s (#17). Its own module so the command tree (commands/index.ts)
 * can show it without loading kafkajs.
 */
export const DEFAULT_BROKER_WAIT_MS = 120_000;

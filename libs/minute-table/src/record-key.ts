/**
 * Keys of table values on a compacted topic: `<key>@<minuteMs>/<producerPartition>`.
 * One record per key, minute and producer, so compaction keeps every
 * version (a reader restored to an earlier minute still finds the version
 * in force then) yet only the producer's last word on each minute; old
 * versions leave with the topic's retention (cleanup.policy compact,delete).
 */
import { InvalidProgressError } from "./errors";

export function tableRecordKey(key: string, minuteMs: number, producerPartition: number): string {
  return `${key}@${minuteMs}/${producerPartition}`;
}

/** The table key inside a record key; throws `InvalidProgressError` when the suffix is malformed. */
export function tableKeyOf(recordKey: string): string {
  const at = recordKey.lastIndexOf("@");
  if (at <= 0 || !/^\d+\/\d+$/.test(recordKey.slice(at + 1))) throw new InvalidProgressError("key", `must be '<key>@<minuteMs>/<producerPartition>', got '${recordKey.slice(0, 64)}'`);
  return recordKey.slice(0, at);
}

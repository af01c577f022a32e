import type { IHeaders, KafkaMessage } from "kafkajs";

/** A consumed record with its coordinates; `value` is the untouched bytes. */
export interface InputRecord {
  topic: string;
  partition: number;
  offset: bigint;
  key: Buffer | null;
  value: Buffer;
  headers: Readonly<Record<string, string>>;
  timestampMs: number;
}

/** A record to produce. */
export interface OutputRecord {
  key: string | Buffer | null;
  value: Buffer;
  headers?: Record<string, string>;
}

export function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (v === undefined) continue;
    const last = Array.isArray(v) ? v[v.length - 1] : v;
    if (last !== undefined) out[k] = Buffer.isBuffer(last) ? last.toString("utf8") : String(last);
  }
  return out;
}

export function toInputRecord(topic: string, partition: number, m: KafkaMessage): InputRecord {
  return {
    topic,
    partition,
    offset: BigInt(m.offset),
    key: m.key,
    value: m.value ?? Buffer.alloc(0),
    headers: headersToStrings(m.headers),
    timestampMs: Number(m.timestamp),
  };
}

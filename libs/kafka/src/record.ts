import type { IHeaders, KafkaMessage } from "kafkajs";

/** A consumed record with its coordinates; `value` is the untouched bytes. */
export interface InputRecord {
  topic: string;
  partition: number;
  offset: bigint;
  key: Buffer | null;
  value: Buffer;
  headers: Readonly<Record<string, string>>;
  /** The headers as the broker holds them (bytes, every value of a repeated key): what a dead letter copies untouched. */
  rawHeaders?: Readonly<RawHeaders>;
  timestampMs: number;
}

/** Header values as Kafka carries them: bytes, and a key may repeat. */
export type RawHeaders = Record<string, Buffer | string | ReadonlyArray<Buffer | string>>;

/** A record to produce. */
export interface OutputRecord {
  key: string | Buffer | null;
  value: Buffer;
  headers?: Record<string, string>;
  /** Headers sent as they are, before `headers` (which wins on a shared key): a dead letter's copy of its original's. */
  rawHeaders?: Readonly<RawHeaders>;
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

/** Headers to send: `rawHeaders` as they are, then `headers` over them. */
export function outgoingHeaders(r: OutputRecord): IHeaders | undefined {
  if (r.rawHeaders === undefined) return r.headers;
  const out: IHeaders = {};
  for (const [k, v] of Object.entries(r.rawHeaders)) out[k] = Array.isArray(v) ? [...(v as ReadonlyArray<Buffer | string>)] : (v as Buffer | string);
  return { ...out, ...r.headers };
}

function rawHeadersOf(headers: IHeaders | undefined): RawHeaders {
  const out: RawHeaders = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (v !== undefined) out[k] = v;
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
    rawHeaders: rawHeadersOf(m.headers),
    timestampMs: Number(m.timestamp),
  };
}

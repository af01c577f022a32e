import fc from "fast-check";
import { CONTENT_TYPE_HEADER, DEFAULT_INPUT_TOPICS, encodeMessage, type BodyCase } from "@redline/events";
import { LiveEvent } from "@redline/proto";

/** The classes of bad input of issue 17, plus the valid events interleaved with them. */
export const FAULT_CLASSES = [
  "random-bytes",
  "truncated-protobuf",
  "bit-flipped-protobuf",
  "json-wrong-types",
  "json-huge-or-deep",
  "null-key",
  "empty-value",
  "unknown-enum",
  "time-far-past-or-future",
  "hostile-text",
] as const;
export type FaultClass = (typeof FAULT_CLASSES)[number];
export type RecordClass = FaultClass | "valid";

/** Headers that let the accounting tell a record's class and sequence number, also on the DLQ (which keeps headers). */
export const CLASS_HEADER = "redline-fault-class";
export const SEQ_HEADER = "redline-fault-seq";

export interface FaultRecord {
  recordClass: RecordClass;
  topicCase: BodyCase;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

const PROTOBUF = "application/x-protobuf";
const JSON_TYPE = "application/json";
const DEEP_MARK = "__redline_faults_deep__";
const CASES: readonly BodyCase[] = ["comment", "like", "transaction", "view", "follow", "barrage", "moderation", "room"];

/** A valid event of one of the eight bodies, dated `eventTimeMs`, in one of `rooms` rooms. */
function validEvent(i: number, eventTimeMs: number, rooms: number, runId: string): LiveEvent {
  const roomId = `${runId}-room-${i % rooms}`;
  const user = { userId: `${runId}-u-${i % 997}`, accountCreatedMs: eventTimeMs - 86_400_000 * (1 + (i % 300)), deviceId: `d-${i % 991}`, ipPrefix: `10.${i % 200}.${i % 7}.0/24`, ageBand: 3, realNameVerified: i % 2 === 0 };
  const base = { eventId: `${runId}-e-${i}`, roomId, eventTimeMs, platform: "faults" };
  const c = CASES[i % CASES.length]!;
  const bodies: Partial<Record<BodyCase, LiveEvent["body"]>> = {
    comment: { $case: "comment", value: { commentId: `c-${i}`, author: user, text: `nice one ${i % 50}` } },
    barrage: { $case: "barrage", value: { barrageId: `b-${i}`, author: user, text: "666" } },
    like: { $case: "like", value: { user, count: 1 + (i % 20) } },
    follow: { $case: "follow", value: { user } },
    view: { $case: "view", value: { user, kind: 1 + (i % 2) } },
    transaction: { $case: "transaction", value: { orderId: `o-${i}`, buyer: user, kind: 1, skuId: "sku-1", amountCents: 1999, currency: "CNY", paymentAccountId: `p-${i % 500}`, shippingAddressHash: `h-${i % 400}` } },
    moderation: { $case: "moderation", value: { kind: 1, targetCommentId: `c-${i - 8}`, targetUserId: user.userId, operatorId: "op-1", operatorRole: 2 } },
    room: { $case: "room", value: { kind: 3, streamer: { userId: `${roomId}-streamer`, realNameVerified: true, virtualAvatar: false }, followerCount: 1000, category: "beauty", title: "live" } },
  } as unknown as Partial<Record<BodyCase, LiveEvent["body"]>>;
  return LiveEvent.fromPartial({ ...base, body: bodies[c] });
}

function protobuf(event: LiveEvent): Buffer {
  return Buffer.from(encodeMessage(LiveEvent, event, "protobuf").value);
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), "utf8");
}

function caseOf(event: LiveEvent): BodyCase {
  return event.body!.$case as BodyCase;
}

/** Text no platform should send and every consumer must survive: markup, SQL, controls, bidi, lone surrogates, the length limit exactly. */
const HOSTILE_TEXTS = [
  "<script>alert(document.cookie)</script>",
  "'); DROP TABLE redline.alerts; --",
  "\u0000\u0001\u0007\u001b[31mred\u001b[0m",
  "\u202eevil\u202c \u200b\u200d\ufeff",
  "\ud800 lone \udfff surrogates",
  "%s%s%n%x ${process.env} {{7*7}} __proto__ constructor",
  "加我微信 wx123456 私聊 💸💸💸".repeat(20),
  "x".repeat(2000),
  "\r\n\tline\u2028break\u2029",
  "𝕳𝖊𝖑𝖑𝖔 👨‍👩‍👧‍👦 ﷽",
];

/**
 * The bad records of one class, `count` of them, reproducible from `seed`
 * (fast-check draws the byte-level mutations, the wrong types and the sizes).
 * `nowMs` dates the events that should be on time.
 */
export function faultRecords(recordClass: RecordClass, count: number, seed: number, nowMs: number, runId: string): FaultRecord[] {
  const mk = (i: number) => validEvent(i, nowMs - 30_000 + (i % 20_000), 64, `${runId}-${recordClass}`);
  const rec = (topicCase: BodyCase, key: string | null, value: Buffer | null, contentType: string): FaultRecord => ({
    recordClass,
    topicCase,
    key,
    value,
    headers: { [CONTENT_TYPE_HEADER]: contentType },
  });
  const draw = <T>(arb: fc.Arbitrary<T>): T[] => fc.sample(arb, { seed, numRuns: count });
  switch (recordClass) {
    case "valid":
      return Array.from({ length: count }, (_, i) => {
        const e = mk(i);
        return rec(caseOf(e), e.roomId, protobuf(e), PROTOBUF);
      });
    case "random-bytes":
      return draw(fc.tuple(fc.uint8Array({ maxLength: 600 }), fc.nat(7), fc.boolean())).map(([bytes, t, asJson]) =>
        rec(CASES[t]!, "bytes", Buffer.from(bytes), asJson ? JSON_TYPE : PROTOBUF),
      );
    case "truncated-protobuf":
      return draw(fc.tuple(fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }))).map(([n, cut], i) => {
        const e = mk(n + i);
        const bytes = protobuf(e);
        return rec(caseOf(e), e.roomId, bytes.subarray(0, Math.floor(cut * (bytes.length - 1))), PROTOBUF);
      });
    case "bit-flipped-protobuf":
      return draw(fc.tuple(fc.nat(), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }))).map(([n, flips], i) => {
        const e = mk(n + i);
        const bytes = Buffer.from(protobuf(e));
        for (const f of flips) bytes[Math.floor(f / 8) % bytes.length]! ^= 1 << f % 8;
        return rec(caseOf(e), e.roomId, bytes, PROTOBUF);
      });
    case "json-wrong-types": {
      const wrong = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.object({ maxDepth: 1 }));
      const paths = ["eventId", "roomId", "eventTimeMs", "platform", "body", "user", "userId", "text", "count", "amountCents", "kind", "accountCreatedMs"];
      return draw(fc.tuple(fc.nat(), fc.nat(paths.length - 1), wrong)).map(([n, p, v], i) => {
        const e = mk(n + i);
        const obj = LiveEvent.toJSON(e) as Record<string, Record<string, Record<string, unknown>>>;
        const path = paths[p]!;
        const bodyKey = Object.keys(obj).find((k) => typeof obj[k] === "object" && obj[k] !== null)!;
        if (path in obj) (obj as Record<string, unknown>)[path] = v;
        else if (path === "body") (obj as Record<string, unknown>)[bodyKey] = v;
        else {
          const body = obj[bodyKey]!;
          const actor = (body.user ?? body.author ?? body.buyer) as Record<string, unknown> | undefined;
          if (actor && path in actor) actor[path] = v;
          else (body as Record<string, unknown>)[path] = v;
        }
        return rec(caseOf(e), e.roomId, json(obj), JSON_TYPE);
      });
    }
    case "json-huge-or-deep":
      return draw(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 2_001, max: 200_000 }), fc.integer({ min: 100, max: 5_000 }))).map(
        ([n, kind, size, depth], i) => {
          const e = mk(n + i);
          const obj = LiveEvent.toJSON(e) as Record<string, unknown>;
          // Written as text: JSON.stringify itself overflows the stack on such nesting.
          const nested = `${'[{"n":'.repeat(depth)}"deep"${"}]".repeat(depth)}`;
          if (kind === 0) obj.eventId = "i".repeat(size);
          else if (kind === 1) obj.comment = { commentId: "c", author: { userId: "u" }, text: "t".repeat(size) };
          else if (kind === 2) obj.unknownField = DEEP_MARK;
          else obj.comment = { commentId: "c", author: { userId: DEEP_MARK }, text: "deep" };
          if (kind === 1 || kind === 3) for (const k of CASES) if (k !== "comment") delete obj[k];
          return rec(caseOf(e), e.roomId, Buffer.from(JSON.stringify(obj).replace(`"${DEEP_MARK}"`, nested), "utf8"), JSON_TYPE);
        },
      );
    case "null-key":
      return draw(fc.tuple(fc.nat(), fc.boolean())).map(([n, asJson], i) => {
        const e = mk(n + i);
        return asJson ? rec(caseOf(e), null, json(LiveEvent.toJSON(e)), JSON_TYPE) : rec(caseOf(e), null, protobuf(e), PROTOBUF);
      });
    case "empty-value":
      return draw(fc.tuple(fc.nat(7), fc.constantFrom(null, "", "{}", "null", "[]", '""', "0"), fc.boolean())).map(([t, v, asJson]) =>
        rec(CASES[t]!, "empty", v === null ? null : Buffer.from(v), asJson ? JSON_TYPE : PROTOBUF),
      );
    case "unknown-enum":
      return draw(fc.tuple(fc.nat(), fc.integer({ min: 9, max: 1_000_000 }), fc.boolean())).map(([n, bad, asJson], i) => {
        const e = mk(n + i);
        const b = e.body!.value as unknown as Record<string, unknown>;
        if ("kind" in b) b.kind = bad;
        const actor = (b.user ?? b.author ?? b.buyer) as Record<string, unknown> | undefined;
        if (actor) actor.ageBand = bad;
        if (!asJson) return rec(caseOf(e), e.roomId, protobuf(e), PROTOBUF);
        const obj = LiveEvent.toJSON(e) as Record<string, Record<string, unknown>>;
        const body = Object.values(obj).find((v) => typeof v === "object" && v !== null)!;
        if ("kind" in body) body.kind = "KIND_FROM_THE_FUTURE";
        return rec(caseOf(e), e.roomId, json(obj), JSON_TYPE);
      });
    case "time-far-past-or-future": {
      const day = 86_400_000;
      const times = fc.oneof(
        fc.integer({ min: 1, max: nowMs - 8 * day }),
        // 30 min ahead, not 6: skew is measured from publication, which comes up to minutes after `nowMs` in a big run.
        fc.integer({ min: nowMs + 30 * 60_000, max: nowMs + 1000 * 365 * day }),
        fc.constantFrom(-1, Number.MAX_SAFE_INTEGER),
      );
      return draw(fc.tuple(fc.nat(), times, fc.boolean())).map(([n, t, asJson], i) => {
        const e = { ...mk(n + i), eventTimeMs: t };
        if (!asJson) return rec(caseOf(e), e.roomId, protobuf(e), PROTOBUF);
        return rec(caseOf(e), e.roomId, json({ ...(LiveEvent.toJSON(e) as object), eventTimeMs: t === -1 ? "9223372036854775807" : String(t) }), JSON_TYPE);
      });
    }
    case "hostile-text":
      return draw(fc.tuple(fc.nat(), fc.nat(HOSTILE_TEXTS.length - 1), fc.boolean())).map(([n, h, asJson], i) => {
        const e = mk(n + i);
        const text = HOSTILE_TEXTS[h]!;
        const body: LiveEvent["body"] =
          i % 3 === 2
            ? { $case: "room", value: { kind: 3, streamer: { userId: `${e.roomId}-streamer`, realNameVerified: true, virtualAvatar: false, age: undefined, guardianConsent: undefined }, followerCount: 10, category: text.slice(0, 200), title: text } }
            : { $case: i % 3 === 0 ? "comment" : "barrage", value: { commentId: `c-${i}`, barrageId: `b-${i}`, author: { userId: text.slice(0, 256), accountCreatedMs: 0, deviceId: text.slice(0, 64), ipPrefix: "", ageBand: 0, realNameVerified: false }, text } } as unknown as LiveEvent["body"];
        const hostile = LiveEvent.fromPartial({ ...e, body });
        return asJson ? rec(caseOf(hostile), hostile.roomId, json(LiveEvent.toJSON(hostile)), JSON_TYPE) : rec(caseOf(hostile), hostile.roomId, protobuf(hostile), PROTOBUF);
      });
  }
}

/** Every class's records interleaved with the valid ones (round robin), each stamped with its class and sequence number. */
export function interleavedRecords(perClass: number, validCount: number, seed: number, nowMs: number, runId: string): FaultRecord[] {
  const groups = [...FAULT_CLASSES.map((c, k) => faultRecords(c, perClass, seed + k, nowMs, runId)), faultRecords("valid", validCount, seed, nowMs, runId)];
  const out: FaultRecord[] = [];
  for (let i = 0; out.length < perClass * FAULT_CLASSES.length + validCount; i++) {
    for (const g of groups) {
      const r = g[i];
      if (r === undefined) continue;
      out.push({ ...r, headers: { ...r.headers, [CLASS_HEADER]: r.recordClass, [SEQ_HEADER]: String(out.length) } });
    }
  }
  return out;
}

export function topicFor(prefix: string, topicCase: BodyCase): string {
  return prefix + DEFAULT_INPUT_TOPICS[topicCase];
}

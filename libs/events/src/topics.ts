import type { LiveEvent } from "@redline/proto";

export type BodyCase = NonNullable<LiveEvent["body"]>["$case"];

/** Default input topic per body type. Co-partitioned by room: same partition count everywhere. */
export const DEFAULT_INPUT_TOPICS: Readonly<Record<BodyCase, string>> = Object.freeze({
  comment: "live.comments",
  barrage: "live.barrage",
  transaction: "live.transactions",
  like: "live.likes",
  follow: "live.follows",
  view: "live.views",
  moderation: "live.moderation",
  room: "live.rooms",
  transcript: "live.transcripts",
});

/**
 * Topics read whole by every engine instance as tables, not co-partitioned
 * with the rooms: compacted, keyed by what they describe (issue 22).
 */
export const DEFAULT_TABLE_TOPICS = Object.freeze({
  /** `ProductFacts` keyed by skuId. */
  products: "live.products",
  /** `AccountRisk` versions by event-time minute (libs/minute-table), written by the crew detector (issue 21). */
  accountRisk: "risk.account-risk",
  /** Peer-baseline sketches by group and signal, versioned by event-time minute, one partial per engine partition (issue 12). */
  baselines: "risk.baselines",
});

/** Topic settings of a table topic: only the latest version per key need survive. */
export const TABLE_TOPIC_CONFIGS: Readonly<Record<string, string>> = Object.freeze({ "cleanup.policy": "compact" });

export const DEFAULT_OUTPUT_TOPICS = Object.freeze({
  alerts: "risk.alerts",
  actions: "risk.actions",
  feedback: "risk.feedback",
  /** `ActionOutcome`s, keyed by actionId: what became of each delivery (issue 20). */
  actionOutcomes: "risk.action-outcomes",
  /** `AccountActivity` keyed by account: the room engine's records for the crew detector (issue 21). */
  accountActivity: "risk.account-activity",
});

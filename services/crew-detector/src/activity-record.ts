/**
 * One record of `risk.account-activity`: the producer's progress from its
 * headers (libs/minute-table), and unless it is a progress mark, the
 * `AccountActivity` it carries (protobuf, or JSON with content-type
 * application/json). Throws a typed error naming what is wrong.
 */
import { activityFromWire, activityToWire, type AccountActivity } from "@redline/crews";
import { decodeMessage, encodeMessage } from "@redline/events";
import type { InputRecord, OutputRecord } from "@redline/kafka";
import { isProgressMark, progressHeaders, readProgress, type ProducerMark } from "@redline/minute-table";
import { AccountActivity as WireActivity } from "@redline/proto";
import { UndecodableActivityError } from "./errors";

export interface ActivityRecord {
  mark: ProducerMark;
  /** Absent on a progress mark. */
  activity?: AccountActivity;
}

export function readActivityRecord(record: InputRecord): ActivityRecord {
  const mark = readProgress(record.headers);
  if (isProgressMark(record.headers)) return { mark };
  let wire: WireActivity;
  try {
    wire = decodeMessage(WireActivity, record.value, record.headers["content-type"] === "application/json" ? "json" : "protobuf");
  } catch (err) {
    throw new UndecodableActivityError(record.partition, String(record.offset), err);
  }
  return { mark, activity: activityFromWire(wire) };
}

/** The record a producer writes for `activity` (keyed by account), stamped with its progress. */
export function activityOutputRecord(activity: AccountActivity, mark: ProducerMark, platform = ""): OutputRecord {
  const enc = encodeMessage(WireActivity, activityToWire(activity, platform), "protobuf");
  return { key: activity.accountId, value: enc.value, headers: { ...progressHeaders(mark), "content-type": enc.contentType } };
}

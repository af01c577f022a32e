import { activityToWire } from "@redline/crews";
import type { PipelineOutput } from "@redline/engine";
import { encodeMessage } from "@redline/events";
import { progressHeaders } from "@redline/minute-table";
import { AccountActivity, Alert, ControlAction } from "@redline/proto";
import { isActivityRecord, isProgressMark, type EngineOutput } from "./account-activity-outputs";
import { routeFor, type OutputRoute } from "./output-publisher";

type AlertOutput = Extract<PipelineOutput, { alert: Alert }>;
type ActionOutput = Extract<PipelineOutput, { action: ControlAction }>;

/** The pipeline's outputs as protobuf keyed by room: alerts to the alerts topic, actions to the actions topic. */
export function pipelineOutputRoutes(topics: { alertsTopic: string; actionsTopic: string }): Array<OutputRoute<EngineOutput>> {
  return [
    routeFor(topics.alertsTopic, (out: EngineOutput): out is AlertOutput => "alert" in out, ({ alert }) => {
      const enc = encodeMessage(Alert, alert, "protobuf");
      return { key: alert.roomId, value: enc.value, contentType: enc.contentType };
    }),
    routeFor(topics.actionsTopic, (out: EngineOutput): out is ActionOutput => "action" in out, ({ action }) => {
      const enc = encodeMessage(ControlAction, action, "protobuf");
      return { key: action.roomId, value: enc.value, contentType: enc.contentType };
    }),
  ];
}

/**
 * Account activity (issue 21) to its topic: records as protobuf keyed by
 * account, progress marks keyed to land one on each partition, both with the
 * producing partition's progress in headers (libs/minute-table).
 */
export function accountActivityRoutes(topic: string): Array<OutputRoute<EngineOutput>> {
  return [
    routeFor(topic, isActivityRecord, ({ accountActivity, progress }) => {
      const enc = encodeMessage(AccountActivity, activityToWire(accountActivity), "protobuf");
      return { key: accountActivity.accountId, value: enc.value, contentType: enc.contentType, headers: progressHeaders(progress) };
    }),
    // A mark carries no value; the bytes only keep it readable to tools that print records.
    routeFor(topic, isProgressMark, ({ progressMark, key }) => ({ key, value: Buffer.from("mark"), contentType: "text/plain", headers: progressHeaders(progressMark, true) })),
  ];
}

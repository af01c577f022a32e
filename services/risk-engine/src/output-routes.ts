import type { PipelineOutput } from "@redline/engine";
import { encodeMessage } from "@redline/events";
import { Alert, ControlAction } from "@redline/proto";
import { routeFor, type OutputRoute } from "./output-publisher";

type AlertOutput = Extract<PipelineOutput, { alert: Alert }>;
type ActionOutput = Extract<PipelineOutput, { action: ControlAction }>;

/** The pipeline's outputs as protobuf keyed by room: alerts to the alerts topic, actions to the actions topic. */
export function pipelineOutputRoutes(topics: { alertsTopic: string; actionsTopic: string }): Array<OutputRoute<PipelineOutput>> {
  return [
    routeFor(topics.alertsTopic, (out): out is AlertOutput => "alert" in out, ({ alert }) => {
      const enc = encodeMessage(Alert, alert, "protobuf");
      return { key: alert.roomId, value: enc.value, contentType: enc.contentType };
    }),
    routeFor(topics.actionsTopic, (out): out is ActionOutput => "action" in out, ({ action }) => {
      const enc = encodeMessage(ControlAction, action, "protobuf");
      return { key: action.roomId, value: enc.value, contentType: enc.contentType };
    }),
  ];
}

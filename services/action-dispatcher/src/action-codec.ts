import { CONTENT_TYPE_HEADER, decodeMessage, encodingOf, InvalidEventError } from "@redline/events";
import type { InputRecord } from "@redline/kafka";
import { ControlAction } from "@redline/proto";

/** A record of `risk.actions` → ControlAction; undecodable or id-less records are refused (dead-lettered). */
export function decodeActionRecord(record: InputRecord): ControlAction {
  const encoding = encodingOf(record.headers[CONTENT_TYPE_HEADER]);
  let action: ControlAction;
  try {
    action = decodeMessage(ControlAction, record.value, encoding);
  } catch (err) {
    throw new InvalidEventError("UNDECODABLE", `not a ${encoding} ControlAction`, { cause: err });
  }
  if (action.actionId === "") throw new InvalidEventError("MISSING_FIELD", "actionId is required");
  if (action.roomId === "") throw new InvalidEventError("MISSING_FIELD", "roomId is required");
  return action;
}

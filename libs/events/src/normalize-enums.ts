import {
  AgeBand,
  ModerationKind,
  OperatorRole,
  RoomEventKind,
  TransactionKind,
  ViewKind,
  type Actor,
  type LiveEvent,
} from "@redline/proto";

/**
 * The contract keeps an unknown enum value as UNSPECIFIED (0). ts-proto maps
 * an unknown JSON name to -1 and keeps an unknown wire number as is, so both
 * are folded to 0 here, once, before any detector looks at them.
 */
function known<E extends Record<string, string | number>>(enumObj: E, value: number): number {
  return value > 0 && typeof (enumObj as Record<number, unknown>)[value] === "string" ? value : 0;
}

function normalizeActor(actor: Actor | undefined): void {
  if (actor) actor.ageBand = known(AgeBand, actor.ageBand);
}

export function normalizeEnums(event: LiveEvent): LiveEvent {
  const body = event.body;
  if (!body) return event;
  switch (body.$case) {
    case "comment":
    case "barrage":
      normalizeActor(body.value.author);
      break;
    case "transaction":
      normalizeActor(body.value.buyer);
      body.value.kind = known(TransactionKind, body.value.kind);
      break;
    case "like":
    case "follow":
      normalizeActor(body.value.user);
      break;
    case "view":
      normalizeActor(body.value.user);
      body.value.kind = known(ViewKind, body.value.kind);
      break;
    case "moderation":
      body.value.kind = known(ModerationKind, body.value.kind);
      body.value.operatorRole = known(OperatorRole, body.value.operatorRole);
      break;
    case "room":
      body.value.kind = known(RoomEventKind, body.value.kind);
      break;
  }
  return event;
}

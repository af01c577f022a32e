import type { Actor, LiveEvent } from "@redline/proto";

function shiftActor(actor: Actor | undefined, deltaMs: number): void {
  if (actor && actor.accountCreatedMs !== 0) actor.accountCreatedMs += deltaMs;
}

/**
 * Moves an event in time by `deltaMs`, its actors' account creation times
 * with it, so recorded or simulated traffic replayed "now" keeps its account
 * ages (what fresh-account detectors look at). Mutates and returns the event.
 */
export function shiftEventTime(event: LiveEvent, deltaMs: number): LiveEvent {
  event.eventTimeMs += deltaMs;
  const body = event.body;
  switch (body?.$case) {
    case "comment":
    case "barrage":
      shiftActor(body.value.author, deltaMs);
      break;
    case "transaction":
      shiftActor(body.value.buyer, deltaMs);
      break;
    case "like":
    case "follow":
    case "view":
      shiftActor(body.value.user, deltaMs);
      break;
    case "transcript":
      body.value.startMs += deltaMs;
      body.value.endMs += deltaMs;
      break;
    default:
      break;
  }
  return event;
}

/**
 * Which account acted in an event: the viewer of a view, the liker, the
 * follower, the buyer of a transaction, the author of a comment or barrage.
 * One rule for the room's account slots (falsification.ts) and the known-crew
 * sightings (#21), so a crew account is looked up under the id the cohort
 * counted. Moderation (an operator) and room events have no acting account.
 */
import type { Actor, LiveEvent } from "@redline/proto";

/** The event's acting account, or undefined when it has none or its id is empty (nobody to follow). */
export function actingAccount(event: LiveEvent): Actor | undefined {
  const body = event.body;
  let actor: Actor | undefined;
  switch (body?.$case) {
    case "view":
    case "like":
    case "follow":
      actor = body.value.user;
      break;
    case "transaction":
      actor = body.value.buyer;
      break;
    case "comment":
    case "barrage":
      actor = body.value.author;
      break;
    default:
      return undefined;
  }
  return actor === undefined || actor.userId === "" ? undefined : actor;
}

import { setMostRecent } from "@redline/common";
import { ActionKind, type ControlAction } from "@redline/proto";

export interface KeyRoomRules {
  /** Most rooms remembered; the least recently marked are forgotten first. */
  maxRooms: number;
}

/** The action kinds by which the policy names a key room (issue 13: the policy is the one definition). */
export const KEY_ROOM_ACTION_KINDS: readonly ActionKind[] = [ActionKind.ACTION_KIND_EXTEND_RETENTION, ActionKind.ACTION_KIND_ASSIGN_INSPECTOR];

/**
 * Which rooms are key rooms, as the policy decides them: a live (not shadow)
 * EXTEND_RETENTION or ASSIGN_INSPECTOR action marks its room. The policy
 * qualifies rooms by followers and by sales (`keyRooms` in the policy file);
 * the archive keeps no threshold of its own, so the two can never disagree.
 */
export class KeyRoomTracker {
  private readonly rooms = new Map<string, true>();

  constructor(private readonly rules: KeyRoomRules) {}

  /** Notes the action; true when it made its room a key room that was not one before. */
  observeAction(action: ControlAction): boolean {
    if (action.shadow || !KEY_ROOM_ACTION_KINDS.includes(action.kind)) return false;
    return this.mark(action.roomId);
  }

  /** Marks a room known to be key from before (the archive's own record, read at start-up). */
  restore(roomId: string): void {
    this.mark(roomId);
  }

  isKeyRoom(roomId: string): boolean {
    return this.rooms.has(roomId);
  }

  get size(): number {
    return this.rooms.size;
  }

  private mark(roomId: string): boolean {
    const known = this.rooms.has(roomId);
    setMostRecent(this.rooms, roomId, true, this.rules.maxRooms);
    return !known;
  }
}

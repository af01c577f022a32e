import { ActionKind, type ControlAction, type LiveEvent } from "@redline/proto";

export interface KeyRoomRules {
  /** A room whose streamer has at least this many followers is a key room. */
  minFollowers: number;
  /** Most rooms remembered; the least recently marked are forgotten first. */
  maxRooms: number;
}

/**
 * Which rooms are key rooms, learnt from the stream itself: a room update
 * with many followers, or an EXTEND_RETENTION / ASSIGN_INSPECTOR action (the
 * policy's verdict, which also covers rooms that qualify by sales).
 */
export class KeyRoomTracker {
  private readonly rooms = new Map<string, true>();

  constructor(private readonly rules: KeyRoomRules) {}

  observeEvent(event: LiveEvent): void {
    if (event.body?.$case === "room" && event.body.value.followerCount >= this.rules.minFollowers) {
      this.mark(event.roomId);
    }
  }

  observeAction(action: ControlAction): void {
    if (action.kind === ActionKind.ACTION_KIND_EXTEND_RETENTION || action.kind === ActionKind.ACTION_KIND_ASSIGN_INSPECTOR) {
      this.mark(action.roomId);
    }
  }

  isKeyRoom(roomId: string): boolean {
    return this.rooms.has(roomId);
  }

  get size(): number {
    return this.rooms.size;
  }

  private mark(roomId: string): void {
    this.rooms.delete(roomId);
    this.rooms.set(roomId, true);
    if (this.rooms.size > this.rules.maxRooms) {
      const oldest = this.rooms.keys().next().value as string;
      this.rooms.delete(oldest);
    }
  }
}

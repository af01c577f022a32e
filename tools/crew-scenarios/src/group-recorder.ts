import type { Account } from "./identity";
import type { HardNegativeKind, HardNegativeTruth } from "./types";
import type { Session } from "./viewer-activity";
import type { Room } from "./world";

/** Collects a hard-negative group's truth from the sessions its accounts had. */
export class GroupRecorder {
  private readonly accounts = new Map<string, Account>();
  private readonly rooms: string[] = [];
  private firstMs = Infinity;
  private lastMs = -Infinity;

  constructor(
    readonly groupId: string,
    readonly kind: HardNegativeKind,
    readonly params: Record<string, number | string> = {},
  ) {}

  member(a: Account): void {
    this.accounts.set(a.userId, a);
  }

  session(room: Room, s: Session): void {
    this.member(s.account);
    if (!this.rooms.includes(room.roomId)) this.rooms.push(room.roomId);
    this.firstMs = Math.min(this.firstMs, s.joinMs);
    this.lastMs = Math.max(this.lastMs, Math.min(s.leaveMs, room.endMs - 1));
  }

  truth(): HardNegativeTruth {
    const accounts = [...this.accounts.values()];
    return {
      groupId: this.groupId,
      kind: this.kind,
      accounts: accounts.map((a) => a.userId),
      devices: [...new Set(accounts.map((a) => a.deviceId))],
      rooms: this.rooms,
      firstMs: Math.round(this.firstMs),
      lastMs: Math.round(this.lastMs),
      params: this.params,
    };
  }
}

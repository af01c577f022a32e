/**
 * Account ids that carry no hint of their role (threat model §5): in a
 * randomised room viewers and bots come from one factory, and the
 * sequential ids it hands out are hashed so that creation order (organic
 * first, then the crew) does not show.
 */
import type { Actor } from "@redline/proto";
import type { AccountFactory } from "./accounts";

function fnv1a(text: string, basis: number): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}

/** A 64-bit hash of `text`, as base-36 text. */
export function opaqueId(text: string): string {
  return fnv1a(text, 0x811c9dc5).toString(36).padStart(7, "0") + fnv1a(text, 0x9e3779b9).toString(36).padStart(7, "0");
}

export function opaqueAccounts(inner: AccountFactory, salt: string): AccountFactory {
  return {
    next(kind?: "ordinary" | "fresh"): Actor {
      const a = inner.next(kind);
      const userId = `u${opaqueId(`${salt}/${a.userId}`)}`;
      return { ...a, userId, deviceId: `d-${userId}` };
    },
  };
}

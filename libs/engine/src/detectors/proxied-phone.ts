import { deviceAccountsOf, deviceCount } from "../account-refs";
import type { AccountSlot, RoomState } from "../room-state";

/**
 * Another account of the room on this slot's phone came from a different /24. A handset carries its network:
 * a household's accounts on one phone come from its Wi-Fi or carrier /24 (threat model §4, `family_devices`);
 * a phone whose accounts each arrive from their own /24 routes every account through a proxy pool, which is
 * how a farm hides that several accounts share a handset (threat model §3, identity).
 */
export function onProxiedPhone(slot: AccountSlot, room: RoomState): boolean {
  if (slot.deviceId === "" || slot.ipPrefix === "") return false;
  // Counted first: nearly every phone carries one account, whose list is not held (account-refs.ts).
  if ((deviceCount(room, slot) ?? 0) < 2) return false;
  for (const other of deviceAccountsOf(room, slot)!) {
    const prefix = room.accounts.get(other)?.ipPrefix ?? "";
    if (prefix !== "" && prefix !== slot.ipPrefix) return true;
  }
  return false;
}

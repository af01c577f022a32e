/**
 * Whether a liker is cover for a view farm. A farm bought for views taps a few likes from some of its
 * accounts so the silent crowd looks alive (threat model §2.1, "how much bots interact"); a farm bought for
 * likes has its accounts like. What the farm is for shows in what most of its accounts do: a liker whose only
 * tells are who it is (fresh, a farm phone, a farm's /24), on a phone or /24 whose accounts mostly never
 * liked, is the view farm's cover, judged there (silent viewers, identity cohorts), not a like farm.
 */
import { deviceAccountsOf, deviceCount, subnetOf } from "../account-refs";
import type { AccountSlot, RoomState } from "../room-state";
import type { FalsificationConfig } from "./falsification-config";
import { keyAccountList, keyCount } from "./cohort-state";

function likedShare(room: RoomState, accounts: readonly string[]): number {
  let liked = 0;
  for (const id of accounts) if ((room.accounts.get(id)?.maxTapsPerEvent ?? 0) > 0) liked++;
  return liked / accounts.length;
}

/** The slot's phone or /24 carries `viewFarmCoverAccounts` or more accounts, at most `viewFarmCoverLikedShare` of which ever liked here. */
export function onMostlySilentFarm(room: RoomState, slot: AccountSlot, f: Readonly<FalsificationConfig>): boolean {
  const onPhone = deviceCount(room, slot);
  if (onPhone !== undefined && onPhone >= f.viewFarmCoverAccounts && likedShare(room, deviceAccountsOf(room, slot)!) <= f.viewFarmCoverLikedShare) return true;
  const subnet = subnetOf(room, slot);
  return subnet !== undefined && keyCount(subnet) >= f.viewFarmCoverAccounts && likedShare(room, keyAccountList(subnet)) <= f.viewFarmCoverLikedShare;
}

import { campusNetwork, countdownDrop, flashSale, newUserCampaign, Params, raid, reconnectStorm, viralPush } from "./episodes-crowds";
import { communityGroupBuy, familyDevices, likeGiveaway, loyalFans, luckyBag, pkBattle, priceDropRefunds } from "./episodes-engagement";
import { Audience } from "./organic";
import { Rng } from "./random";
import { RoomBuilder } from "./room";

type Episode = (b: RoomBuilder, rng: Rng, aud: Audience) => Params;

/** Every legitimate crowd of threat model §4, then three it underplays (see the README). */
export const HARD_NEGATIVES: Readonly<Record<string, Episode>> = {
  flash_sale: flashSale,
  countdown_drop: countdownDrop,
  viral_push: viralPush,
  like_giveaway: likeGiveaway,
  raid,
  lucky_bag: luckyBag,
  family_devices: familyDevices,
  campus_network: campusNetwork,
  new_user_campaign: newUserCampaign,
  price_drop_refunds: priceDropRefunds,
  loyal_fans: loyalFans,
  reconnect_storm: reconnectStorm,
  pk_battle: pkBattle,
  community_group_buy: communityGroupBuy,
};

export const HARD_NEGATIVE_KINDS = Object.keys(HARD_NEGATIVES);

export function hardNegative(kind: string, b: RoomBuilder, rng: Rng, aud: Audience): Params {
  const episode = HARD_NEGATIVES[kind];
  if (episode === undefined) throw new RangeError(`unknown hard negative ${kind}`);
  const params = episode(b, rng, aud);
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "number" ? Math.round(v * 1000) / 1000 : v]));
}

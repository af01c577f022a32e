import type { RoomContext } from "./attack-common";
import { countdownDrop, flashSale, newUserCampaign, priceDropRefunds } from "./hard-negatives-commerce";
import { likeGiveaway, loyalFans, luckyBag, raid, viralPush } from "./hard-negatives-crowd";
import { campusNetwork, familyDevices } from "./hard-negatives-shared";
import type { AdversaryHardNegative } from "./types";

/** One legitimate episode per kind (threat model §4). */
export const HARD_NEGATIVE_EPISODES: Readonly<Record<AdversaryHardNegative, (ctx: RoomContext) => void>> = {
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
};

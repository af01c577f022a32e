/**
 * Every hard negative the randomised mix plays (threat model §4), by name,
 * each returning the values it drew for the room's truth.
 */
import { countdownDrop, devotedFanEpisode, familyDevicesEpisode, flashSaleEpisode, newUserCampaign, priceDropRefunds, viralPushEpisode } from "./hard-negatives-commerce";
import { campusNetwork, likeGiveaway, loyalFans, luckyBag, raid } from "./hard-negatives-crowds";
import type { EpisodeContext, EpisodeParams } from "./hard-negatives-crowds";
import type { HardNegative } from "./truth";

export const EPISODES: Record<HardNegative, (x: EpisodeContext, baselinePerMinute: number) => EpisodeParams> = {
  flash_sale: flashSaleEpisode,
  countdown_drop: countdownDrop,
  viral_spike: viralPushEpisode,
  like_giveaway: likeGiveaway,
  raid,
  lucky_bag: luckyBag,
  family_device: familyDevicesEpisode,
  campus_network: campusNetwork,
  new_user_campaign: newUserCampaign,
  price_drop_refunds: priceDropRefunds,
  loyal_fans: loyalFans,
  devoted_fan: devotedFanEpisode,
};

/** Episodes that sell something. */
export const NEEDS_SHOP: ReadonlySet<HardNegative> = new Set(["flash_sale", "countdown_drop", "campus_network", "new_user_campaign", "price_drop_refunds"]);

import type { Signal } from "@redline/proto";
import type { EvidenceItem } from "../evidence";

/** What a detector concludes about a room at one moment; becomes an Alert when it scores high enough. */
export interface Finding {
  subcategory: string;
  score: number;
  summary: string;
  signals: Signal[];
  evidence: readonly EvidenceItem[];
}

export const FAKE_LIKES = "FAKE_LIKES";
export const FAKE_VIEWS = "FAKE_VIEWS";
export const FAKE_FOLLOWS = "FAKE_FOLLOWS";
export const FAKE_ORDERS = "FAKE_ORDERS";

/**
 * Thresholds of the data-falsification detectors. Human limits (taps per
 * second, accounts per family device) are set from what people can do, not
 * fitted to the simulator; the score ramps were tuned on simulator seeds 1-3
 * only (see docs/eval/falsification.md), evaluation uses other seeds.
 */
import { DAY_MS } from "../primitives/account-age";

export interface FalsificationConfig {
  /** Accounts younger than this at event time count as fresh. */
  freshAccountAgeMs: number;
  /** A device carrying at least this many accounts in one room is a farm phone (families share 2-4). */
  farmAccountsPerDevice: number;
  /** Like taps by one account within 10 s above this are beyond a human thumb (~10 taps/s sustained). */
  humanMaxTapsPer10s: number;
  /** A second is a wave when at least this many accounts like in it... */
  waveMinAccounts: number;
  /** ...and it is this many times the median of the ten seconds around it. */
  waveNeighbourRatio: number;
  /** A 16 s frame whose per-second liker counts have variance/mean above this is synchronised (Poisson gives ~1). */
  waveDispersion: number;
  /** A join followed by a leave within this, with no interaction between, is a ghost view. */
  ghostDwellMs: number;
  /** Payment accounts or shipping addresses used by this many buyers in one room are shared beyond a household. */
  brushBuyersPerKey: number;
  /** Orders by one account within 10 minutes at or above this are beyond a shopper. */
  brushOrdersPerAccount10m: number;
  /** Score at or above which a finding becomes an alert. */
  alertScore: number;
  /** Minimum suspicious volume in the window before a room can alert (small numbers are noise). */
  minSuspiciousTaps: number;
  minWaveAccounts: number;
  minGhostViews: number;
  minSuspiciousFollows: number;
  minSuspiciousOrders: number;
}

export const DEFAULT_FALSIFICATION_CONFIG: Readonly<FalsificationConfig> = Object.freeze({
  freshAccountAgeMs: 7 * DAY_MS,
  farmAccountsPerDevice: 5,
  humanMaxTapsPer10s: 120,
  waveMinAccounts: 8,
  waveNeighbourRatio: 3,
  waveDispersion: 5,
  ghostDwellMs: 5_000,
  brushBuyersPerKey: 5,
  brushOrdersPerAccount10m: 6,
  alertScore: 0.6,
  minSuspiciousTaps: 150,
  minWaveAccounts: 40,
  minGhostViews: 30,
  minSuspiciousFollows: 15,
  minSuspiciousOrders: 5,
});

import { AgeBand, type Actor } from "@redline/proto";
import type { Rng } from "./rng";

export const DAY_MS = 24 * 3600 * 1000;

// First octets of large carrier blocks; crews and audiences draw from the same
// list so the octet itself says nothing.
const CARRIER_FIRST_OCTETS = [
  36, 39, 42, 49, 58, 59, 60, 61, 101, 106, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123,
  124, 125, 171, 175, 180, 182, 183, 211, 218, 219, 220, 221, 222, 223,
];

export interface Wallet {
  paymentAccountId: string;
  shippingAddressHash: string;
}

/** One account as the platform knows it, with the network it usually comes from. */
export interface Account {
  userId: string;
  accountCreatedMs: number;
  deviceId: string;
  homeIpPrefix: string;
  ageBand: AgeBand;
  realNameVerified: boolean;
  wallet: Wallet;
}

export interface AccountTraits {
  accountCreatedMs?: number;
  deviceId?: string;
  homeIpPrefix?: string;
  wallet?: Wallet;
  realNameVerified?: boolean;
}

/** An ordinary viewer's account age: mostly months to years, a few fresh. */
export function organicAccountAgeMs(rng: Rng): number {
  const u = rng.float();
  if (u < 0.05) return rng.between(0.1, 7) * DAY_MS;
  if (u < 0.13) return rng.between(7, 30) * DAY_MS;
  if (u < 0.43) return rng.logUniform(30, 365) * DAY_MS;
  return rng.logUniform(365, 8 * 365) * DAY_MS;
}

/**
 * Makes every id of the scenario. User, device, payment and address ids are
 * unique across the whole seed, so a crew account can never be a hard
 * negative's by chance; /24s may repeat, as they do on real networks.
 */
export class IdentityFactory {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Rng) {}

  private unique(make: () => string): string {
    for (;;) {
      const id = make();
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }

  userId(): string {
    return this.unique(() => `u${this.rng.int(10_000_000, 99_999_999)}${this.rng.int(10, 99)}`);
  }

  deviceId(): string {
    return this.unique(() => `d-${this.rng.hex(16)}`);
  }

  wallet(): Wallet {
    return {
      paymentAccountId: this.unique(() => `pay-${this.rng.hex(12)}`),
      shippingAddressHash: this.unique(() => `addr-${this.rng.hex(16)}`),
    };
  }

  paymentAccountId(): string {
    return this.unique(() => `pay-${this.rng.hex(12)}`);
  }

  addressHash(): string {
    return this.unique(() => `addr-${this.rng.hex(16)}`);
  }

  ipPrefix(): string {
    return `${this.rng.pick(CARRIER_FIRST_OCTETS)}.${this.rng.int(0, 255)}.${this.rng.int(0, 255)}.0/24`;
  }

  /** An account; anything not given is drawn like an ordinary viewer's. */
  account(nowMs: number, traits: AccountTraits = {}): Account {
    return {
      userId: this.userId(),
      accountCreatedMs: Math.round(traits.accountCreatedMs ?? nowMs - organicAccountAgeMs(this.rng)),
      deviceId: traits.deviceId ?? this.deviceId(),
      homeIpPrefix: traits.homeIpPrefix ?? this.ipPrefix(),
      ageBand: this.rng.chance(0.95) ? AgeBand.AGE_BAND_ADULT : AgeBand.AGE_BAND_UNKNOWN,
      realNameVerified: traits.realNameVerified ?? this.rng.chance(0.7),
      wallet: traits.wallet ?? this.wallet(),
    };
  }
}

/** The account as it appears on one event, from the network it used that time. */
export function actorOf(account: Account, ipPrefix: string = account.homeIpPrefix): Actor {
  return {
    userId: account.userId,
    accountCreatedMs: account.accountCreatedMs,
    deviceId: account.deviceId,
    ipPrefix,
    ageBand: account.ageBand,
    realNameVerified: account.realNameVerified,
  };
}

/**
 * When each reusable account is busy watching a room, so nobody, crew or fan,
 * sits in two rooms at once.
 */
export class Calendar {
  private readonly busy = new Map<string, Array<[number, number]>>();

  isFree(userId: string, fromMs: number, toMs: number): boolean {
    const spans = this.busy.get(userId);
    if (spans === undefined) return true;
    return spans.every(([a, b]) => toMs <= a || fromMs >= b);
  }

  book(userId: string, fromMs: number, toMs: number): void {
    const spans = this.busy.get(userId);
    if (spans === undefined) this.busy.set(userId, [[fromMs, toMs]]);
    else spans.push([fromMs, toMs]);
  }
}

/**
 * What a room has seen of one account, stored as columns (#15): each room keeps one `Float64Array` and
 * one `Int32Array` with a row per account, and an `AccountSlot` is a small handle on its row whose
 * accessors read and write it. As plain objects the slots were a third of an ordinary room's memory
 * (671 B each: V8 boxes every epoch-millisecond field in a 16-byte number of its own, and each slot
 * carried two `InterArrival` objects of two objects each); as rows they take 212 B plus the handle.
 * Detectors read `slot.joinMs` as before. Snapshots keep the plain layout (`toPlain`, `fromPlain`),
 * field for field and in the same order, so a snapshot's bytes do not depend on the layout in memory.
 */
import { DEVICE_ACCOUNTS, SUBNET } from "./account-refs";
import { coefficientOfVariation, type InterArrival } from "./primitives/running-stats";

/** Fields held as doubles: event times, Welford sums and tap counts, which are not bounded integers. */
const F64_FIELDS = [
  "joinMs", "createdMs", "joinGapsLastMs", "joinGapsMean", "joinGapsM2", "likeGapsLastMs", "likeGapsMean", "likeGapsM2",
  "maxTapsPerEvent", "tapFrame10sMs", "taps10s", "maxTaps10s", "tapFrame60sMs", "taps60s", "maxTaps60s", "likeSecond",
  "firstEngagedMs", "followAfterJoinMs", "lastOrderMs",
] as const;
/** Counters bumped by one per event, bit sets and flags: 32 bits are plenty and take half the room. */
const I32_FIELDS = ["joins", "shortVisits", "joinGapsN", "likeGapsN", "likeSeconds", "likeWave", "waveLikes", "scheduledArrivals", "orders", "paid", "refunds", "lowValueOrders"] as const;
const FLAG_FIELDS = ["interacted", "registered", "engaged"] as const;
/** presentUnjoined is absent from a slot until first set (rules-11): 0 absent, 1 false, 2 true, so snapshots keep its absence. */
const PRESENT_UNJOINED = I32_FIELDS.length + FLAG_FIELDS.length;
const F64_STRIDE = F64_FIELDS.length;
const I32_STRIDE = PRESENT_UNJOINED + 1;
const INITIAL_ROWS = 4;
/** Each gap's last time, mean and M2 are consecutive doubles (`addGap` reads them from the first). */
const JOIN_GAPS = F64_FIELDS.indexOf("joinGapsLastMs");
const LIKE_GAPS = F64_FIELDS.indexOf("likeGapsLastMs");
const MAX_TAPS_PER_EVENT = F64_FIELDS.indexOf("maxTapsPerEvent");
const TAP_FRAME_10S = F64_FIELDS.indexOf("tapFrame10sMs");
const TAP_FRAME_60S = F64_FIELDS.indexOf("tapFrame60sMs");
const JOIN_GAPS_N = I32_FIELDS.indexOf("joinGapsN");
const LIKE_GAPS_N = I32_FIELDS.indexOf("likeGapsN");

type F64Field = (typeof F64_FIELDS)[number];
type I32Field = (typeof I32_FIELDS)[number];
type FlagField = (typeof FLAG_FIELDS)[number];

/** A room's rows. Freed rows are reused; the arrays grow by a quarter when full (amortised O(1) per new account). */
export class AccountColumns {
  f64: Float64Array;
  i32: Int32Array;
  /** Changes of the room's lone devices (`account-refs.ts`): here, not on the room, because every slot reaches it in one load. */
  loneDeviceChanges = 0;
  private rows = 0;
  private readonly free: number[] = [];

  constructor(capacity = INITIAL_ROWS) {
    this.f64 = new Float64Array(capacity * F64_STRIDE);
    this.i32 = new Int32Array(capacity * I32_STRIDE);
  }

  /** A zeroed row. */
  allocate(): number {
    const row = this.free.pop();
    if (row !== undefined) return row;
    const capacity = this.f64.length / F64_STRIDE;
    if (this.rows === capacity) {
      // By a quarter rather than doubling: rows left unused are memory kept for the room's life (doubling
      // leaves up to half of them; an ordinary room of 20 accounts would hold 32 rows), and a copy is cheap.
      const grown = Math.ceil(capacity * 1.25) + 1;
      const f64 = new Float64Array(grown * F64_STRIDE);
      f64.set(this.f64);
      const i32 = new Int32Array(grown * I32_STRIDE);
      i32.set(this.i32);
      this.f64 = f64;
      this.i32 = i32;
    }
    return this.rows++;
  }

  release(row: number): void {
    this.f64.fill(0, row * F64_STRIDE, (row + 1) * F64_STRIDE);
    this.i32.fill(0, row * I32_STRIDE, (row + 1) * I32_STRIDE);
    this.free.push(row);
  }
}

/** Adds `taps` to the frame whose start, count and most are the three doubles from `at`, starting a new frame past `frameMs`. */
function noteFrame(f: Float64Array, at: number, frameMs: number, timeMs: number, taps: number): void {
  const start = f[at]!;
  if (start < 0 || timeMs - start >= frameMs) {
    f[at] = timeMs;
    f[at + 1] = 0;
  }
  const count = f[at + 1]! + taps;
  f[at + 1] = count;
  if (count > f[at + 2]!) f[at + 2] = count;
}

/** A slot as snapshots hold it (and as it was in memory before #15). */
export interface PlainAccountSlot {
  joinMs: number; interacted: boolean; createdMs: number; registered: boolean; deviceId: string; ipPrefix: string;
  joins: number; shortVisits: number; joinGaps: InterArrival; likeGaps: InterArrival;
  maxTapsPerEvent: number; tapFrame10sMs: number; taps10s: number; maxTaps10s: number; tapFrame60sMs: number; taps60s: number; maxTaps60s: number;
  likeSecond?: number; likeSeconds?: number; likeWave?: number; waveLikes?: number;
  firstEngagedMs: number; engaged: boolean; scheduledArrivals: number; followAfterJoinMs: number;
  orders: number; paid: number; refunds: number; lowValueOrders: number; lastOrderMs: number;
  paymentAccountId: string; shippingAddressHash: string; presentUnjoined?: boolean;
}

/**
 * The falsification tells (`detectors/tells.ts`) are read from these facts: joinMs (-1 when not in the
 * room), whether it interacted since joining, accountCreatedMs, device and /24 as first seen, joins and
 * short visits, gap statistics (Welford) of joins and likes, tap frames of 10 s and 60 s, like seconds and
 * waves (`like-waves.ts`), first engagement, scheduled arrivals (`ARRIVAL_BIT`s), follow delay and orders.
 */
export class AccountSlot {
  [DEVICE_ACCOUNTS]: string[] | number | undefined = undefined;
  [SUBNET]: object | undefined = undefined;
  paymentAccountId = "";
  shippingAddressHash = "";

  constructor(
    private columns: AccountColumns,
    private row: number,
    readonly deviceId: string,
    readonly ipPrefix: string,
  ) {}

  /** A new account's slot, in a fresh row: every field as the engine first sets it. */
  static create(columns: AccountColumns, createdMs: number, deviceId: string, ipPrefix: string): AccountSlot {
    const slot = new AccountSlot(columns, columns.allocate(), deviceId, ipPrefix);
    slot.joinMs = -1;
    slot.createdMs = createdMs;
    slot.joinGapsLastMs = -1;
    slot.likeGapsLastMs = -1;
    slot.tapFrame10sMs = -1;
    slot.tapFrame60sMs = -1;
    slot.likeSecond = -1;
    slot.firstEngagedMs = -1;
    slot.followAfterJoinMs = -1;
    slot.lastOrderMs = -1;
    return slot;
  }

  /** The room dropped the account: its row goes back to the room, the handle keeps its values in a row of its own. */
  detach(): void {
    const own = new AccountColumns(1);
    const row = own.allocate();
    own.f64.set(this.columns.f64.subarray(this.row * F64_STRIDE, (this.row + 1) * F64_STRIDE), row * F64_STRIDE);
    own.i32.set(this.columns.i32.subarray(this.row * I32_STRIDE, (this.row + 1) * I32_STRIDE), row * I32_STRIDE);
    this.columns.release(this.row);
    this.columns = own;
    this.row = row;
  }

  /** The room's count of lone-device changes (`account-refs.ts`); a detached slot's own columns keep none. */
  get loneDeviceChanges(): number {
    return this.columns.loneDeviceChanges;
  }

  get presentUnjoined(): boolean | undefined {
    const v = this.columns.i32[this.row * I32_STRIDE + PRESENT_UNJOINED]!;
    return v === 0 ? undefined : v === 2;
  }
  set presentUnjoined(v: boolean | undefined) {
    this.columns.i32[this.row * I32_STRIDE + PRESENT_UNJOINED] = v === undefined ? 0 : v ? 2 : 1;
  }

  /** `iaAdd(joinGaps, timeMs)`, on the columns. */
  addJoinGap(timeMs: number): void {
    this.addGap(JOIN_GAPS, JOIN_GAPS_N, timeMs);
  }

  /** `iaAdd(likeGaps, timeMs)`, on the columns. */
  addLikeGap(timeMs: number): void {
    this.addGap(LIKE_GAPS, LIKE_GAPS_N, timeMs);
  }

  /** `iaAdd` on one gap's columns: last time, mean and M2 side by side in the doubles, the count in the integers. */
  private addGap(first: number, countField: number, timeMs: number): void {
    const f = this.columns.f64;
    const at = this.row * F64_STRIDE + first;
    const last = f[at]!;
    if (last >= 0 && timeMs >= last) {
      const n = ++this.columns.i32[this.row * I32_STRIDE + countField]!;
      const x = timeMs - last;
      const d = x - f[at + 1]!;
      f[at + 1]! += d / n;
      f[at + 2]! += d * (x - f[at + 1]!);
    }
    if (timeMs > last) f[at] = timeMs;
  }

  /**
   * A like of `taps`: the most taps in one event, and the taps in tumbling frames of 10 s and 60 s from the
   * account's first tap (cheap, and a sustained rate shows in either alignment) with each frame's most. On the
   * row in one method: through the accessors each like boxed a few doubles, most of the like path's garbage (#15).
   */
  noteTaps(timeMs: number, taps: number): void {
    const f = this.columns.f64;
    const at = this.row * F64_STRIDE;
    if (taps > f[at + MAX_TAPS_PER_EVENT]!) f[at + MAX_TAPS_PER_EVENT] = taps;
    noteFrame(f, at + TAP_FRAME_10S, 10_000, timeMs, taps);
    noteFrame(f, at + TAP_FRAME_60S, 60_000, timeMs, taps);
  }

  joinGapsCv(): number {
    return coefficientOfVariation(this.joinGapsN, this.joinGapsMean, this.joinGapsM2);
  }

  likeGapsCv(): number {
    return coefficientOfVariation(this.likeGapsN, this.likeGapsMean, this.likeGapsM2);
  }

  /** The snapshot's form: the fields of the plain slot, in its order. */
  toPlain(): PlainAccountSlot {
    const plain: PlainAccountSlot = {
      joinMs: this.joinMs, interacted: this.interacted, createdMs: this.createdMs, registered: this.registered, deviceId: this.deviceId, ipPrefix: this.ipPrefix,
      joins: this.joins, shortVisits: this.shortVisits,
      joinGaps: { lastMs: this.joinGapsLastMs, gaps: { n: this.joinGapsN, mean: this.joinGapsMean, m2: this.joinGapsM2 } },
      likeGaps: { lastMs: this.likeGapsLastMs, gaps: { n: this.likeGapsN, mean: this.likeGapsMean, m2: this.likeGapsM2 } },
      maxTapsPerEvent: this.maxTapsPerEvent, tapFrame10sMs: this.tapFrame10sMs, taps10s: this.taps10s, maxTaps10s: this.maxTaps10s,
      tapFrame60sMs: this.tapFrame60sMs, taps60s: this.taps60s, maxTaps60s: this.maxTaps60s,
      likeSecond: this.likeSecond, likeSeconds: this.likeSeconds, likeWave: this.likeWave, waveLikes: this.waveLikes,
      firstEngagedMs: this.firstEngagedMs, engaged: this.engaged, scheduledArrivals: this.scheduledArrivals, followAfterJoinMs: this.followAfterJoinMs,
      orders: this.orders, paid: this.paid, refunds: this.refunds, lowValueOrders: this.lowValueOrders, lastOrderMs: this.lastOrderMs,
      paymentAccountId: this.paymentAccountId, shippingAddressHash: this.shippingAddressHash,
    };
    const present = this.presentUnjoined;
    if (present !== undefined) plain.presentUnjoined = present;
    return plain;
  }

  /** A slot restored from a snapshot; fields absent in older slots read as the engine's `?? 0` and `-1` did. */
  static fromPlain(columns: AccountColumns, p: PlainAccountSlot): AccountSlot {
    const slot = new AccountSlot(columns, columns.allocate(), p.deviceId, p.ipPrefix);
    slot.joinMs = p.joinMs; slot.createdMs = p.createdMs;
    slot.joinGapsLastMs = p.joinGaps.lastMs; slot.joinGapsN = p.joinGaps.gaps.n; slot.joinGapsMean = p.joinGaps.gaps.mean; slot.joinGapsM2 = p.joinGaps.gaps.m2;
    slot.likeGapsLastMs = p.likeGaps.lastMs; slot.likeGapsN = p.likeGaps.gaps.n; slot.likeGapsMean = p.likeGaps.gaps.mean; slot.likeGapsM2 = p.likeGaps.gaps.m2;
    slot.maxTapsPerEvent = p.maxTapsPerEvent; slot.tapFrame10sMs = p.tapFrame10sMs; slot.taps10s = p.taps10s; slot.maxTaps10s = p.maxTaps10s;
    slot.tapFrame60sMs = p.tapFrame60sMs; slot.taps60s = p.taps60s; slot.maxTaps60s = p.maxTaps60s;
    slot.likeSecond = p.likeSecond ?? -1; slot.likeSeconds = p.likeSeconds ?? 0; slot.likeWave = p.likeWave ?? 0; slot.waveLikes = p.waveLikes ?? 0;
    slot.firstEngagedMs = p.firstEngagedMs; slot.followAfterJoinMs = p.followAfterJoinMs; slot.lastOrderMs = p.lastOrderMs;
    slot.joins = p.joins; slot.shortVisits = p.shortVisits; slot.scheduledArrivals = p.scheduledArrivals;
    slot.orders = p.orders; slot.paid = p.paid; slot.refunds = p.refunds; slot.lowValueOrders = p.lowValueOrders;
    slot.interacted = p.interacted; slot.registered = p.registered; slot.engaged = p.engaged;
    slot.presentUnjoined = p.presentUnjoined;
    slot.paymentAccountId = p.paymentAccountId;
    slot.shippingAddressHash = p.shippingAddressHash;
    return slot;
  }
}

// The column fields' accessors, one per field: written out they would be 34 near-identical pairs.
export interface AccountSlot extends Record<F64Field | I32Field, number>, Record<FlagField, boolean> {}
F64_FIELDS.forEach((name, k) => {
  Object.defineProperty(AccountSlot.prototype, name, {
    get(this: { columns: AccountColumns; row: number }) { return this.columns.f64[this.row * F64_STRIDE + k]; },
    set(this: { columns: AccountColumns; row: number }, v: number) { this.columns.f64[this.row * F64_STRIDE + k] = v; },
  });
});
I32_FIELDS.forEach((name, k) => {
  Object.defineProperty(AccountSlot.prototype, name, {
    get(this: { columns: AccountColumns; row: number }) { return this.columns.i32[this.row * I32_STRIDE + k]; },
    set(this: { columns: AccountColumns; row: number }, v: number) { this.columns.i32[this.row * I32_STRIDE + k] = v; },
  });
});
FLAG_FIELDS.forEach((name, k) => {
  const at = I32_FIELDS.length + k;
  Object.defineProperty(AccountSlot.prototype, name, {
    get(this: { columns: AccountColumns; row: number }) { return this.columns.i32[this.row * I32_STRIDE + at] === 1; },
    set(this: { columns: AccountColumns; row: number }, v: boolean) { this.columns.i32[this.row * I32_STRIDE + at] = v ? 1 : 0; },
  });
});

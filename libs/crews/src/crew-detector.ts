/**
 * The cross-room crew detector (issue #21): account-activity records in, in
 * (eventTimeMs, eventId) order; crew and room findings out. All state is
 * bounded by the config's caps and all choices depend only on the input's
 * order (no clock, no randomness), so the same records give the same
 * findings however they are batched.
 */
import { setMostRecent } from "@redline/common";
import { Severity } from "@redline/proto";
import { type AccountActivity, validateActivity } from "./activity";
import { type AccountState, type CoVisit, type Visit, addCoVisit, distinctStreamers, findOpenVisit, forgetBefore, newAccountState, rememberRecent } from "./account-state";
import { type CrewConfig, resolveCrewConfig } from "./config";
import { CREW_SNAPSHOT_FORMAT, decodeCrewSnapshot, encodeCrewSnapshot } from "./crew-snapshot";
import { CrewSnapshotError } from "./errors";
import type { CrewOutput } from "./findings";
import { reportGroup } from "./group-report";
import { GroupPairs } from "./group-pairs";
import { neighbourGroups, streamersBetween, streamersWithGroup } from "./group-merging";
import { coVisitDwellMs, dwellsDiffer, groupDwellMs, scriptsMatch, visitDwellMs } from "./script-dwell";
import { groupLikeOffsets, likeScriptsDiffer, MIN_SCRIPT_SAMPLES } from "./script-offsets";
import { type Group, GroupStore } from "./groups";
import { KeyIndex } from "./key-index";
import { RoomActivity } from "./room-activity";
import { triangleWitnesses } from "./triangle-links";
import { applyScriptMark, noteScriptMark, scriptKindOf } from "./script-cohorts";
import { DispatchIndex } from "./dispatch-links";
import { groupBatchesDiffer } from "./registration-batch";
import { linkArrivalsPartneredApart, linkPartnersSeenApart, type PresenceDeps } from "./presence-links";
import { type CrewStateSize, measureState } from "./state-size";
import { isDeepStrictEqual } from "node:util";

export class CrewDetector {
  readonly config: Readonly<CrewConfig>;
  private readonly accounts = new Map<string, AccountState>();
  private readonly rooms = new Map<string, RoomActivity>();
  private readonly keyIndex: KeyIndex;
  private readonly groups: GroupStore;
  private readonly groupPairs: GroupPairs;
  private readonly dispatches = new DispatchIndex();
  private lastEventTimeMs = 0;
  private readonly accountOf = (id: string): AccountState | undefined => this.accounts.get(id);

  constructor(overrides: Partial<CrewConfig> = {}) {
    this.config = resolveCrewConfig(overrides);
    this.keyIndex = new KeyIndex(this.config);
    this.groups = new GroupStore(this.config, (id) => this.accounts.get(id));
    this.groupPairs = new GroupPairs(this.config.maxGroups);
  }

  /** Applies records in order; returns the findings they raised, in order. */
  ingestAll(records: Iterable<AccountActivity>): CrewOutput[] {
    return [...records].flatMap((record) => this.ingest(record));
  }

  /** Applies one record; throws `InvalidActivityError` (state untouched) when it is malformed. */
  ingest(record: AccountActivity): CrewOutput[] {
    validateActivity(record);
    const now = record.eventTimeMs;
    this.lastEventTimeMs = Math.max(this.lastEventTimeMs, now);
    const account = this.account(record.accountId, now);
    const room = this.room(record.roomId, now);
    const touched = new Set<Group>();
    let visit = findOpenVisit(account, record.roomId);
    if (visit === undefined) visit = this.arrive(account, record, room, touched);
    visit.lastMs = Math.max(visit.lastMs, now);
    if (record.accountCreatedMs > 0) account.createdMs = record.accountCreatedMs;
    if (record.ipPrefix !== "") {
      // Counted, never linked: a /24 is a NAT as often as a farm (§6.3 campus_network); only naming on one room's timing asks.
      const counted = (this.config.linkByTriangle > 0 || this.config.nameWithCoreInOneRoom > 0 || this.config.nameByLikeOffsetWithCore > 0 || this.config.nameByLikeOffsetInTwoCrewRoomsWithCore > 0 || this.config.nameByNetworkWithCore > 0 || this.config.linkByScriptCohort > 0) && !account.ipPrefixes.includes(record.ipPrefix);
      if (counted) this.keyIndex.add(`i:${record.ipPrefix}`, account.accountId);
      rememberRecent(account.ipPrefixes, record.ipPrefix, this.config.maxKeysPerAccount);
    }
    this.noteScript(account, visit, record, room, touched);
    if (record.deviceId !== "") this.linkByKey(account, `d:${record.deviceId}`, now, touched);
    if (record.paymentKey !== "") this.linkByKey(account, `p:${record.paymentKey}`, now, touched);
    if (record.kind === "leave") this.depart(account, visit, now, touched, true);
    return this.report(touched, record);
  }

  /** Event time of the latest record applied; 0 before any. */
  get eventTimeMs(): number {
    return this.lastEventTimeMs;
  }

  /**
   * The whole state as bytes. The service takes it at an event-time minute
   * boundary, with the offsets of the first records not yet applied, so a
   * restart resumes where a replay would pass through.
   */
  snapshot(): Uint8Array {
    return encodeCrewSnapshot({
      format: CREW_SNAPSHOT_FORMAT,
      config: { ...this.config },
      lastEventTimeMs: this.lastEventTimeMs,
      accounts: [...this.accounts.values()],
      rooms: [...this.rooms.values()].map((r) => r.toSnapshot()),
      keys: this.keyIndex.entries(),
      groups: [...this.groups.all()].map((g) => ({ ...g, reportedRooms: [...g.reportedRooms] })),
      groupPairs: this.groupPairs.entries(),
      dispatches: this.dispatches.entries(),
    });
  }

  /** A detector in the state `snapshot` took; throws `CrewSnapshotError` for other bytes or another config. */
  static restore(bytes: Uint8Array, overrides: Partial<CrewConfig> = {}): CrewDetector {
    const snapshot = decodeCrewSnapshot(bytes);
    const detector = new CrewDetector(overrides);
    if (!isDeepStrictEqual({ ...snapshot.config }, { ...detector.config })) {
      throw new CrewSnapshotError("taken under another config; replay the input instead of restoring it", { context: { snapshotConfig: snapshot.config } });
    }
    detector.lastEventTimeMs = snapshot.lastEventTimeMs;
    for (const state of snapshot.accounts) detector.accounts.set(state.accountId, state);
    for (const room of snapshot.rooms) detector.rooms.set(room.roomId, RoomActivity.fromSnapshot(room));
    detector.keyIndex.restore(snapshot.keys);
    detector.groups.restore(snapshot.groups.map((g) => ({ ...g, reportedRooms: new Set(g.reportedRooms) })));
    detector.groupPairs.restore(snapshot.groupPairs);
    detector.dispatches.restore(snapshot.dispatches ?? []);
    return detector;
  }

  stateSize(): CrewStateSize {
    return measureState(this.accounts, this.rooms, this.groups, this.keyIndex, this.dispatches);
  }

  private account(accountId: string, nowMs: number): AccountState {
    let state = this.accounts.get(accountId);
    if (state === undefined) {
      state = newAccountState(accountId, nowMs);
    } else {
      this.accounts.delete(accountId);
    }
    // Re-inserted on every record, so the map's first entry is the least recently active account.
    this.accounts.set(accountId, state);
    state.lastMs = nowMs;
    while (this.accounts.size > this.config.maxAccounts) {
      const oldest = this.accounts.values().next().value as AccountState;
      this.accounts.delete(oldest.accountId);
      this.groups.leave(oldest);
    }
    return state;
  }

  private room(roomId: string, nowMs: number): RoomActivity {
    const room = this.rooms.get(roomId) ?? new RoomActivity(roomId);
    setMostRecent(this.rooms, roomId, room, this.config.maxRooms);
    room.lastMs = nowMs;
    return room;
  }

  private arrive(account: AccountState, record: AccountActivity, room: RoomActivity, touched: Set<Group>): Visit {
    const now = record.eventTimeMs;
    forgetBefore(account, now - this.config.windowMs);
    const visit: Visit = {
      roomId: record.roomId,
      streamerId: record.streamerId,
      category: record.roomCategory,
      roomStartedMs: record.roomStartedMs,
      arrivedMs: now,
      lastMs: now,
      leftMs: 0,
      ipPrefix: record.ipPrefix,
      concurrent: false,
      joined: record.kind === "join",
      dwellMs: 0,
      firstLikeOffsetMs: -1,
      firstCommentOffsetMs: -1,
      secondBurstOffsetMs: -1,
      lastLikeMs: 0,
      scriptPartners: [],
      scriptConfirmed: false,
    };
    for (const other of account.visits) {
      if (other.leftMs !== 0) continue;
      // A visit that went quiet without a leave is over; one still active means two rooms at once.
      if (other.lastMs < now - this.config.concurrentVisitIdleMs) this.depart(account, other, other.lastMs, touched, false);
      else other.concurrent = visit.concurrent = true;
    }
    account.visits.push(visit);
    if (account.visits.length > this.config.maxVisitsPerAccount) account.visits.shift();
    room.recordArrival(now, this.config);
    this.compareArrivals(account, visit, record.kind === "join", room, touched);
    // Partner lists exist only with script cohorts on.
    if (this.config.linkByScriptCohort > 0 && this.config.linkByPartnerPresenceMs > 0) linkArrivalsPartneredApart(account, visit, room.arrivedSince(now - this.config.linkByPartnerPresenceMs), this.presenceDeps(touched));
    return visit;
  }

  /**
   * Accounts that act in a room without joining it (§6.1: "some join first")
   * often never leave it either, so they cannot be compared on departure: two
   * of them arriving together count as in sync on arrival alone.
   */
  private compareArrivals(account: AccountState, visit: Visit, joined: boolean, room: RoomActivity, touched: Set<Group>): void {
    const earlier = room.arrivalsBefore({ accountId: account.accountId, arrivedMs: visit.arrivedMs, joined }, this.config);
    if (!this.config.syncUnannouncedArrivals || !this.eligible(visit, room)) return;
    for (const other of earlier) {
      if (joined && other.joined) continue;
      const partner = other.accountId === account.accountId ? undefined : this.accounts.get(other.accountId);
      const partnerVisit = partner === undefined ? undefined : findOpenVisit(partner, visit.roomId);
      if (partner === undefined || partnerVisit === undefined || !this.eligible(partnerVisit, room)) continue;
      this.recordSync(account, partner, { ...visit, leftMs: visit.arrivedMs }, other.arrivedMs, other.arrivedMs, 0, touched);
    }
  }

  private depart(account: AccountState, visit: Visit, leftMs: number, touched: Set<Group>, byLeave: boolean): void {
    if (visit.leftMs !== 0) return;
    visit.leftMs = leftMs;
    const dwellMs = visitDwellMs(visit.joined, byLeave, visit.arrivedMs, leftMs);
    visit.dwellMs = dwellMs;
    const room = this.rooms.get(visit.roomId);
    if (room === undefined) return;
    const eligible = this.eligible(visit, room);
    for (const other of eligible ? room.recentEnded(leftMs, this.config) : []) {
      if (!other.eligible || other.accountId === account.accountId) continue;
      if (Math.abs(other.arrivedMs - visit.arrivedMs) > this.config.arrivalSyncMs) continue;
      if (Math.abs(other.leftMs - leftMs) > this.config.departureSyncMs) continue;
      const partner = this.accounts.get(other.accountId);
      if (partner !== undefined) this.recordSync(account, partner, visit, other.arrivedMs, other.leftMs, coVisitDwellMs(dwellMs, other.dwellMs), touched);
    }
    room.recordEnded({ accountId: account.accountId, arrivedMs: visit.arrivedMs, leftMs, eligible, dwellMs });
  }

  private eligible(visit: Visit, room: RoomActivity): boolean {
    if (visit.concurrent) return false;
    if (visit.roomStartedMs !== 0 && visit.arrivedMs - visit.roomStartedMs < this.config.minArrivalAfterStartMs) return false;
    return room.arrivalsAround(visit.arrivedMs) <= this.config.maxArrivalsPerRoomMinute;
  }

  private recordSync(account: AccountState, partner: AccountState, visit: Visit, partnerArrivedMs: number, partnerLeftMs: number, dwellMs: number, touched: Set<Group>): void {
    const coVisit: CoVisit = {
      roomId: visit.roomId,
      streamerId: visit.streamerId,
      category: visit.category,
      arrivedMs: Math.min(visit.arrivedMs, partnerArrivedMs),
      leftMs: Math.max(visit.leftMs, partnerLeftMs),
      arrivalGapMs: Math.abs(visit.arrivedMs - partnerArrivedMs),
      dwellMs,
    };
    const pairStreamers = distinctStreamers(addCoVisit(account, partner.accountId, coVisit, this.config));
    addCoVisit(partner, account.accountId, coVisit, this.config);
    const own = this.groups.get(account.groupId);
    const other = this.groups.get(partner.groupId);
    if (own !== undefined && own === other) {
      touched.add(own);
      return;
    }
    const threshold = this.linkThreshold(own, other);
    let linked = pairStreamers >= threshold;
    if (own !== undefined && other !== undefined) {
      linked ||= this.groupPairs.addAndCount(own.id, other.id, coVisit) >= threshold;
      if (!linked && this.config.recountGroupSyncs) linked = streamersBetween(own, other, this.accountOf) >= threshold;
      if (linked && this.scriptsDiffer(own, other)) linked = false;
    } else if (own !== undefined) linked ||= this.attaches(partner, own.id);
    else if (other !== undefined) linked ||= this.attaches(account, other.id);
    let witness: AccountState | undefined;
    if (!linked && this.config.linkByTriangle > 0 && threshold === this.config.minPairStreamers) {
      witness = this.triangleWitness(account, partner, coVisit);
      linked = witness !== undefined;
    }
    if (linked) {
      let group = this.groups.link(account, partner, visit.leftMs);
      if (witness !== undefined) group = this.groups.link(account, witness, visit.leftMs) ?? group;
      if (group !== undefined) touched.add(group);
      if (group !== undefined && this.config.absorbNeighbourGroups) this.absorbNeighbours(group, visit.leftMs, touched);
    }
  }

  /** A third account closing triangles of syncs across three streamers' rooms (triangle-links.ts), unless a NAT's or two of the groups run different scripts. */
  private triangleWitness(account: AccountState, partner: AccountState, coVisit: CoVisit): AccountState | undefined {
    const limits = { witnesses: this.config.linkByTriangle, minCategories: this.config.minCategories, maxWitnessPartners: this.config.triangleMaxWitnessPartners };
    const ids = triangleWitnesses(account, partner, coVisit, this.accountOf, limits);
    const witness = ids.length < limits.witnesses ? undefined : this.accounts.get(ids[0]!);
    if (witness === undefined) return undefined;
    // A campus NAT's students fill the same rooms at once and close triangles by the hundred (§6.3).
    if ([account, partner, witness].some((s) => this.natted(s))) return undefined;
    const groups = [...new Set([account, partner, witness].map((s) => this.groups.get(s.groupId)).filter((g) => g !== undefined))];
    for (const [i, x] of groups.entries()) for (const y of groups.slice(i + 1)) if (this.scriptsDiffer(x, y)) return undefined;
    return witness;
  }

  private readonly natted = (state: AccountState): boolean => state.ipPrefixes.some((p) => this.keyIndex.saturated(`i:${p}`));

  /** A visit's first like, follow or comment: its offset after the join, matched against the room's (script-cohorts.ts). */
  private noteScript(account: AccountState, visit: Visit, record: AccountActivity, room: RoomActivity, touched: Set<Group>): void {
    const kind = scriptKindOf(record.kind);
    const mark = kind === undefined ? undefined : noteScriptMark(account.accountId, visit, kind, record.eventTimeMs);
    if (mark === undefined || this.config.linkByScriptCohort === 0 || !this.eligible(visit, room)) return;
    const deps = { accountOf: this.accountOf, natted: (s: AccountState) => this.natted(s), link: (a: AccountState, b: AccountState, c: CoVisit) => this.linkByScript(a, b, [c], touched) };
    const matches = room.scriptMarksMatching(mark, this.config);
    applyScriptMark(account, visit, matches, deps, this.config);
    this.dispatches.noteCohort({ state: account, visit, mark, streamerId: record.streamerId, matches }, deps, this.config);
    if (this.config.linkByPartnerPresenceMs > 0) linkPartnersSeenApart(account, visit, matches.map((m) => m.accountId), this.config.linkByPartnerPresenceMs, this.presenceDeps(touched));
  }

  private presenceDeps(touched: Set<Group>): PresenceDeps {
    const eligible = (v: Visit) => this.rooms.has(v.roomId) && this.eligible(v, this.rooms.get(v.roomId)!);
    return { accountOf: this.accountOf, eligible, natted: (s) => this.natted(s), link: (a, b, coVisits) => this.linkByScript(a, b, coVisits, touched) };
  }

  /** Two script partners of a confirmed cohort, or seen apart too: in sync in the rooms, linked unless their groups run different scripts or are two reported crews. */
  private linkByScript(a: AccountState, b: AccountState, coVisits: readonly CoVisit[], touched: Set<Group>): void {
    const ga = this.groups.get(a.groupId);
    const gb = this.groups.get(b.groupId);
    if (ga !== undefined && gb !== undefined && ga !== gb && (this.scriptsDiffer(ga, gb) || this.linkThreshold(ga, gb) > this.config.minPairStreamers)) return;
    for (const coVisit of coVisits) for (const [x, y] of [[a, b], [b, a]] as const) addCoVisit(x, y.accountId, coVisit, this.config);
    const group = this.groups.link(a, b, Math.max(...coVisits.map((c) => c.leftMs)));
    if (group !== undefined) touched.add(group);
  }

  /**
   * After a link, the grown group absorbs each group whose accounts were in
   * sync with its members in `mergeCrewsAfterStreamers` streamers' rooms, or
   * in `absorbSameScriptAfterStreamers` when both run the same script
   * (group-merging.ts): the crew's other subsets, whose rooms with it came
   * before the link. One pass, no cascade. Counting past rooms finds chance
   * meetings of crews rented to the same rooms too, hence the higher bar
   * without the script (at two streamers it absorbed a whole crew on seed 201).
   */
  private absorbNeighbours(group: Group, nowMs: number, touched: Set<Group>): void {
    for (const { member, partner, other } of neighbourGroups(group, this.accountOf, (id) => this.groups.get(id))) {
      const current = this.groups.get(member.groupId);
      if (current === undefined || this.groups.get(other.id) !== other || current === other || this.scriptsDiffer(current, other)) continue;
      const streamers = streamersBetween(current, other, this.accountOf);
      const sameScript = this.config.absorbSameScriptAfterStreamers > 0 && streamers >= Math.max(this.config.absorbSameScriptAfterStreamers, this.linkThreshold(current, other)) && scriptsMatch(current.members, other.members, this.accountOf, this.config);
      if (streamers < this.config.mergeCrewsAfterStreamers && !sameScript) continue;
      const merged = this.groups.link(member, partner, nowMs);
      if (merged !== undefined) touched.add(merged);
    }
  }

  /** Joins a group after `attachAfterStreamers` streamers' rooms in sync with its members, or `attachTightAfterStreamers` arriving within seconds. */
  private attaches(state: AccountState, groupId: string): boolean {
    // attachTightAfterStreamers 0: never.
    return streamersWithGroup(state, groupId, this.accountOf) >= this.config.attachAfterStreamers || streamersWithGroup(state, groupId, this.accountOf, this.config.attachTightArrivalMs) >= (this.config.attachTightAfterStreamers || Infinity);
  }

  /**
   * Streamers' rooms in sync needed to link two accounts. Two crews rented to
   * the same rooms meet by chance; once both are reported crews, joining them
   * takes `mergeCrewsAfterStreamers` (#21: three crews chained into one crowd).
   */
  private linkThreshold(own: Group | undefined, other: Group | undefined): number {
    const reported = (g: Group | undefined) => g !== undefined && g.reportedSeverity >= Severity.SEVERITY_MEDIUM;
    return reported(own) && reported(other) ? this.config.mergeCrewsAfterStreamers : this.config.minPairStreamers;
  }

  private linkByKey(account: AccountState, key: string, nowMs: number, touched: Set<Group>): void {
    if (account.keys.includes(key)) return;
    rememberRecent(account.keys, key, this.config.maxKeysPerAccount);
    for (const otherId of this.keyIndex.add(key, account.accountId)) {
      const other = this.accounts.get(otherId);
      const group = other === undefined ? undefined : this.groups.link(account, other, nowMs);
      if (group !== undefined) touched.add(group);
    }
  }

  private report(touched: ReadonlySet<Group>, record: AccountActivity): CrewOutput[] {
    const out: CrewOutput[] = [];
    for (const group of touched) {
      // A merge may have retired a touched group into another one.
      if (group.crowd || this.groups.get(group.id) !== group) continue;
      out.push(...reportGroup(group, record, { accountOf: this.accountOf, sharedNetwork: (p) => this.keyIndex.saturated(`i:${p}`) }, this.config));
    }
    return out;
  }

  /** Two groups whose accounts stay for clearly different times run two scripts: two crews met by chance (script-dwell.ts). */
  private scriptsDiffer(x: Group, y: Group): boolean {
    if (dwellsDiffer(groupDwellMs(x.members, this.accountOf), groupDwellMs(y.members, this.accountOf), this.config)) return true;
    if (this.config.registrationBatchVeto && groupBatchesDiffer(x.members, y.members, this.accountOf, this.config.registrationBatchSpanMs)) return true;
    return this.config.likeScriptVeto && likeScriptsDiffer(groupLikeOffsets(x.members, this.accountOf), groupLikeOffsets(y.members, this.accountOf), this.config.scriptOffsetToleranceMs, MIN_SCRIPT_SAMPLES);
  }
}

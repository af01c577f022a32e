/**
 * A room's peer signals judged against its peer group now (issue 12): the
 * platform-wide sketch of the group's last window (the baselines table's
 * partials merged, read behind the pipeline's hold) or, below the peer
 * minimum, the signal's shipped prior. What a finding's explanation lists:
 * each signal's value and its quantile among peers.
 */
import { judgeAgainstPeers, type PeerJudgement, type QuantileSketch } from "@redline/baselines";
import type { Signal } from "@redline/proto";
import { PEER_SIGNALS, peerGroupOfRoom, peerSignalKey } from "../peer-baselines";
import type { RoomState } from "../room-state";
import type { CohortKind } from "./cohort-state";
import type { FalsificationConfig } from "./falsification-config";
import { roomSignalsOf } from "./room-signals";

/** The peers' merged sketch under a table key at an event time (a version from an earlier minute), or undefined. */
export type PeerBaselineAt = (key: string, eventTimeMs: number) => QuantileSketch | undefined;

/** Rooms with fewer accounts in the kind's window are not judged: as for the values they add (peer-baselines.ts). */
const MIN_ACCOUNTS = 10;

export interface JudgedPeerSignal {
  name: string;
  judgement: PeerJudgement;
}

/** The room's peer signals of `kind` at `timeMs`, each judged; empty when the kind has none or the window is too small. */
export function judgePeerSignals(room: RoomState, kind: CohortKind, timeMs: number, f: Readonly<FalsificationConfig>, peerBaselineAt: PeerBaselineAt): JudgedPeerSignal[] {
  const wanted = PEER_SIGNALS.filter((s) => s.kind === kind);
  if (wanted.length === 0) return [];
  const values = roomSignalsOf(room, kind, timeMs, f, MIN_ACCOUNTS);
  if (values === null) return [];
  const group = peerGroupOfRoom(room);
  return wanted.map((s) => ({ name: s.signal, judgement: judgeAgainstPeers(values.values[s.signal], peerBaselineAt(peerSignalKey(group, s), timeMs), s.prior) }));
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * Explanation lines for judged signals: the value, its quantile among peers
 * (`_prior` when the shipped prior answered) and how many peer room-minutes
 * it was judged against; contribution 0 until a combiner weighs them.
 */
export function peerExplanation(judged: readonly JudgedPeerSignal[]): Signal[] {
  return judged.flatMap(({ name, judgement: j }) => [
    { name: `peer_${name}`, value: round4(j.value), contribution: 0 },
    { name: `peer_${name}_quantile${j.source === "prior" ? "_prior" : ""}`, value: round4(j.quantile), contribution: 0 },
    { name: `peer_${name}_peers`, value: j.peers, contribution: 0 },
  ]);
}

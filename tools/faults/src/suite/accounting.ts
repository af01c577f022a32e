/**
 * The exact accounting of a fault scenario, as pure functions over what the
 * run collected (input offsets, dead letters, actions on the topic and at the
 * ControlPlane, archived rows, replayed alerts), so each rule is unit-tested
 * without a broker.
 */

export interface InputAccount {
  /** Records on the input topics (sum of high-water marks). */
  records: number;
  /** Of those, behind the engine's last snapshot position on their partition. */
  consumed: number;
  deadLettered: number;
  deadLetteredByReason: Record<string, number>;
  /** Events the last engine process still held unapplied when the run ended. */
  heldUnapplied: number;
  /** Consumed and not dead-lettered: applied, since none is held. */
  applied: number;
  /** Topic-partitions whose snapshot position is short of the end, with how far. */
  behind: { topicPartition: string; missing: number }[];
}

/** Every input record is behind the engine's position and none is held: each was applied or dead-lettered. */
export function accountInputs(
  ends: ReadonlyMap<string, number>,
  positions: ReadonlyMap<string, number>,
  deadLetterReasons: readonly string[],
  heldUnapplied: number,
): InputAccount {
  let records = 0;
  let consumed = 0;
  const behind: InputAccount["behind"] = [];
  for (const [tp, end] of ends) {
    records += end;
    const at = Math.min(positions.get(tp) ?? 0, end);
    consumed += at;
    if (at < end) behind.push({ topicPartition: tp, missing: end - at });
  }
  const deadLetteredByReason: Record<string, number> = {};
  for (const r of deadLetterReasons) deadLetteredByReason[r] = (deadLetteredByReason[r] ?? 0) + 1;
  return {
    records,
    consumed,
    deadLettered: deadLetterReasons.length,
    deadLetteredByReason,
    heldUnapplied,
    applied: heldUnapplied === 0 ? consumed - deadLetterReasons.length : 0,
    behind,
  };
}

export interface ActionRecord {
  actionId: string;
  /** What the action does, canonically encoded: two different values for one id are two effects. */
  effect: string;
}

export interface ActionAccount {
  /** Distinct action ids on the actions topic. */
  published: number;
  /** Records on the topic (a restarted engine may produce an action again). */
  publishedRecords: number;
  /** Apply calls the ControlPlane received, repeats included. */
  calls: number;
  reachedPlatform: number;
  /** Published ids never applied. */
  lost: string[];
  /** Ids with more than one effect, on the topic or at the platform. */
  conflicting: string[];
  /** Applied ids that were never published (would mean the platform saw something Redline did not decide). */
  unknown: string[];
}

export function accountActions(published: readonly ActionRecord[], calls: readonly ActionRecord[]): ActionAccount {
  const effects = new Map<string, Set<string>>();
  for (const a of [...published, ...calls]) {
    const set = effects.get(a.actionId) ?? new Set<string>();
    set.add(a.effect);
    effects.set(a.actionId, set);
  }
  const publishedIds = new Set(published.map((a) => a.actionId));
  const appliedIds = new Set(calls.map((a) => a.actionId));
  return {
    published: publishedIds.size,
    publishedRecords: published.length,
    calls: calls.length,
    reachedPlatform: [...publishedIds].filter((id) => appliedIds.has(id)).length,
    lost: [...publishedIds].filter((id) => !appliedIds.has(id)).sort(),
    conflicting: [...effects].filter(([, s]) => s.size > 1).map(([id]) => id).sort(),
    unknown: [...appliedIds].filter((id) => !publishedIds.has(id)).sort(),
  };
}

export interface RowAccount {
  expected: number;
  /** Distinct ids present. */
  present: number;
  missing: string[];
  /** Ids with more than one row under FINAL. */
  duplicated: string[];
  unexpected: string[];
}

/** Rows read with FINAL (one entry per row) against the ids that must be there once each. */
export function accountRows(expected: ReadonlySet<string>, rowIds: readonly string[]): RowAccount {
  const counts = new Map<string, number>();
  for (const id of rowIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  return {
    expected: expected.size,
    present: counts.size,
    missing: [...expected].filter((id) => !counts.has(id)).sort(),
    duplicated: [...counts].filter(([, n]) => n > 1).map(([id]) => id).sort(),
    unexpected: [...counts.keys()].filter((id) => !expected.has(id)).sort(),
  };
}

export interface AlertComparison {
  raised: number;
  replayed: number;
  /** Replay raised them, the services did not. */
  missing: string[];
  /** The services raised them, replay did not. */
  extra: string[];
}

export function compareAlerts(raised: ReadonlySet<string>, replayed: ReadonlySet<string>): AlertComparison {
  return {
    raised: raised.size,
    replayed: replayed.size,
    missing: [...replayed].filter((id) => !raised.has(id)).sort(),
    extra: [...raised].filter((id) => !replayed.has(id)).sort(),
  };
}

export interface ScenarioAccount {
  inputs: InputAccount;
  actions: ActionAccount;
  archive: { alerts: RowAccount; actions: RowAccount; evidence: RowAccount };
  alerts: AlertComparison;
  crashes: number;
}

/** Each failed rule in words; empty when the scenario lost, doubled and conflicted nothing. */
export function failedRules(a: ScenarioAccount): string[] {
  const out: string[] = [];
  if (a.inputs.behind.length > 0) out.push(`inputs not consumed: ${a.inputs.behind.map((b) => `${b.topicPartition} -${b.missing}`).join(", ")}`);
  if (a.inputs.heldUnapplied > 0) out.push(`${a.inputs.heldUnapplied} events held unapplied at the end`);
  // The suite's load is valid events only: a dead letter is a valid event the pipeline refused (e.g. HANDLER_FAILED in an outage).
  if (a.inputs.deadLettered > 0) out.push(`${a.inputs.deadLettered} valid input records dead-lettered (${Object.entries(a.inputs.deadLetteredByReason).map(([k, v]) => `${k} ${v}`).join(", ")})`);
  if (a.actions.lost.length > 0) out.push(`${a.actions.lost.length} actions never reached the platform`);
  if (a.actions.conflicting.length > 0) out.push(`${a.actions.conflicting.length} action ids with two effects`);
  if (a.actions.unknown.length > 0) out.push(`${a.actions.unknown.length} applied actions not on the topic`);
  for (const [table, r] of Object.entries(a.archive)) {
    if (r.missing.length > 0) out.push(`${r.missing.length} ${table} rows missing from ClickHouse`);
    if (r.duplicated.length > 0) out.push(`${r.duplicated.length} ${table} rows twice under FINAL`);
    if (r.unexpected.length > 0) out.push(`${r.unexpected.length} unexpected ${table} rows`);
  }
  if (a.alerts.missing.length > 0 || a.alerts.extra.length > 0) out.push(`alerts differ from replay: ${a.alerts.missing.length} missing, ${a.alerts.extra.length} extra`);
  if (a.crashes > 0) out.push(`${a.crashes} crashes`);
  return out;
}

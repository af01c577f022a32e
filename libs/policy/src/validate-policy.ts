/**
 * Hand-written validation of a policy document (no schema library: the
 * contract is small and the messages must name the JSON path). Collects every
 * problem before refusing, so one edit-reload cycle shows them all.
 */
import { ActionKind, Severity } from "@redline/proto";
import { ACTION_KIND_NAMES, CATEGORY_NAMES, SEVERITY_NAMES, shortName } from "./enum-names";
import { PolicyValidationError } from "./errors";
import { POLICY_SCHEMA_VERSION } from "./policy-types";
import type { ActionTarget, KeyRoomPolicy, LadderStep, Policy, PolicyAction, PolicyRule, RuleAbout, RuleTier } from "./policy-types";

/** Room actions that take a stream or an account away: only for HIGH or CRITICAL alerts (issue 5). */
export const SEVERE_KINDS: ReadonlySet<ActionKind> = new Set([ActionKind.ACTION_KIND_BLOCK_STREAM, ActionKind.ACTION_KIND_CLOSE_ACCOUNT, ActionKind.ACTION_KIND_BLACKLIST]);
/** The law leaves no ladder for an under-16 streamer: blocked at once at any severity. */
export const UNDERAGE_SUBCATEGORY = "STREAMER_UNDERAGE";
export const RESTRICTABLE_FUNCTIONS: readonly string[] = ["tipping", "links", "comments", "streaming"];

type Json = unknown;
type Obj = Record<string, Json>;

class Problems {
  readonly list: string[] = [];
  add(path: string, problem: string): void {
    this.list.push(`${path}: ${problem}`);
  }
}

function isObj(v: Json): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function describe(v: Json): string {
  return v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "string" ? `'${v}'` : `${typeof v} ${JSON.stringify(v)}`;
}

function checkKeys(o: Obj, path: string, allowed: readonly string[], p: Problems): void {
  for (const key of Object.keys(o)) if (!allowed.includes(key)) p.add(`${path}.${key}`, `unknown field (allowed: ${allowed.join(", ")})`);
}

function str(o: Obj, key: string, path: string, p: Problems, optional = false): string | undefined {
  const v = o[key];
  if (v === undefined && optional) return undefined;
  if (typeof v !== "string" || v.trim() === "") {
    p.add(`${path}.${key}`, v === undefined ? "required string is missing" : `expected a non-empty string, got ${describe(v)}`);
    return undefined;
  }
  return v;
}

function int(o: Obj, key: string, path: string, p: Problems, min: number, optional = false): number | undefined {
  const v = o[key];
  if (v === undefined && optional) return undefined;
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min) {
    p.add(`${path}.${key}`, v === undefined ? "required integer is missing" : `expected an integer >= ${min}, got ${describe(v)}`);
    return undefined;
  }
  return v;
}

function named(names: ReadonlyMap<string, number>, what: string, o: Obj, key: string, path: string, p: Problems): number | undefined {
  const v = o[key];
  if (typeof v !== "string") {
    p.add(`${path}.${key}`, v === undefined ? `required ${what} is missing` : `expected a ${what} name, got ${describe(v)}`);
    return undefined;
  }
  const value = names.get(v);
  if (value === undefined) p.add(`${path}.${key}`, `unknown ${what} '${v}' (one of ${[...names.keys()].join(", ")})`);
  return value;
}

function parseParams(kind: ActionKind | undefined, raw: Json, path: string, p: Problems): Record<string, string> {
  const params: Record<string, string> = {};
  if (raw === undefined) raw = {};
  if (!isObj(raw)) {
    p.add(path, `expected an object, got ${describe(raw)}`);
    return params;
  }
  checkKeys(raw, path, ["text", "function", "throttleFactor", "retentionDays"], p);
  const text = str(raw, "text", path, p, true);
  if (text !== undefined) params["text"] = text;
  const fn = raw["function"];
  if (fn !== undefined) {
    if (typeof fn === "string" && RESTRICTABLE_FUNCTIONS.includes(fn)) params["function"] = fn;
    else p.add(`${path}.function`, `unknown function ${describe(fn)} (one of ${RESTRICTABLE_FUNCTIONS.join(", ")})`);
  }
  const factor = raw["throttleFactor"];
  if (factor !== undefined) {
    if (typeof factor === "number" && factor > 0 && factor < 1) params["throttle_factor"] = String(factor);
    else p.add(`${path}.throttleFactor`, `expected a share of traffic kept, in (0, 1), got ${describe(factor)}`);
  }
  const days = int(raw, "retentionDays", path, p, 1, true);
  if (days !== undefined) params["retention_days"] = String(days);
  const needs = (param: string, shown: string): void => {
    if (params[param] === undefined && !p.list.some((l) => l.startsWith(`${path}.${shown}`))) p.add(`${path}.${shown}`, `required for ${kind === undefined ? "this kind" : `kind ${shortName(ACTION_KIND_NAMES, kind)}`}`);
  };
  if (kind === ActionKind.ACTION_KIND_POPUP_PROMPT || kind === ActionKind.ACTION_KIND_PROMINENT_LABEL) needs("text", "text");
  if (kind === ActionKind.ACTION_KIND_RESTRICT_FUNCTION) needs("function", "function");
  if (kind === ActionKind.ACTION_KIND_THROTTLE_TRAFFIC) needs("throttle_factor", "throttleFactor");
  return params;
}

function parseAction(raw: Json, path: string, p: Problems, extraKeys: readonly string[] = []): PolicyAction | undefined {
  if (!isObj(raw)) {
    p.add(path, `expected an action object, got ${describe(raw)}`);
    return undefined;
  }
  checkKeys(raw, path, ["kind", "target", "params", "expiresAfterMs", ...extraKeys], p);
  const kind = named(ACTION_KIND_NAMES, "action kind", raw, "kind", path, p) as ActionKind | undefined;
  const target = raw["target"];
  if (target !== "room" && target !== "subject") p.add(`${path}.target`, `expected 'room' or 'subject', got ${target === undefined ? "nothing" : describe(target)}`);
  const params = parseParams(kind, raw["params"], `${path}.params`, p);
  const expiresAfterMs = int(raw, "expiresAfterMs", path, p, 0);
  if (kind === undefined || (target !== "room" && target !== "subject") || expiresAfterMs === undefined) return undefined;
  return { kind, target: target as ActionTarget, params, expiresAfterMs };
}

function parseStep(raw: Json, path: string, p: Problems): LadderStep | undefined {
  const action = parseAction(raw, path, p, ["with"]);
  const withRaw = isObj(raw) ? raw["with"] : undefined;
  const companions: PolicyAction[] = [];
  if (withRaw !== undefined) {
    if (!Array.isArray(withRaw)) p.add(`${path}.with`, `expected an array of actions, got ${describe(withRaw)}`);
    else withRaw.forEach((w, i) => {
      const a = parseAction(w, `${path}.with[${i}]`, p);
      if (a !== undefined) companions.push(a);
    });
  }
  return action === undefined ? undefined : { ...action, with: companions };
}

function parseRule(raw: Json, path: string, p: Problems): PolicyRule | undefined {
  if (!isObj(raw)) {
    p.add(path, `expected a rule object, got ${describe(raw)}`);
    return undefined;
  }
  checkKeys(raw, path, ["id", "category", "subcategory", "minSeverity", "roomTier", "about", "cooldownMs", "escalationWindowMs", "ladder"], p);
  const id = str(raw, "id", path, p);
  const category = named(CATEGORY_NAMES, "category", raw, "category", path, p);
  const subcategory = str(raw, "subcategory", path, p);
  const minSeverity = named(SEVERITY_NAMES, "severity", raw, "minSeverity", path, p) as Severity | undefined;
  const roomTier = raw["roomTier"];
  if (roomTier !== "normal" && roomTier !== "key" && roomTier !== "*") p.add(`${path}.roomTier`, `expected 'normal', 'key' or '*', got ${roomTier === undefined ? "nothing" : describe(roomTier)}`);
  const about = raw["about"] ?? "*";
  if (about !== "account" && about !== "room" && about !== "*") p.add(`${path}.about`, `expected 'account', 'room' or '*', got ${describe(about)}`);
  const cooldownMs = int(raw, "cooldownMs", path, p, 0);
  const escalationWindowMs = int(raw, "escalationWindowMs", path, p, 1);
  const ladder: LadderStep[] = [];
  const ladderRaw = raw["ladder"];
  if (!Array.isArray(ladderRaw) || ladderRaw.length === 0) p.add(`${path}.ladder`, `expected a non-empty array of steps, got ${ladderRaw === undefined ? "nothing" : describe(ladderRaw)}`);
  else ladderRaw.forEach((s, i) => {
    const step = parseStep(s, `${path}.ladder[${i}]`, p);
    if (step !== undefined) ladder.push(step);
  });
  if (subcategory === UNDERAGE_SUBCATEGORY) {
    if (ladder[0] !== undefined && !(ladder[0].kind === ActionKind.ACTION_KIND_BLOCK_STREAM && ladder[0].target === "room")) {
      p.add(`${path}.ladder[0].kind`, `${UNDERAGE_SUBCATEGORY} must block the stream at once: the first step must be BLOCK_STREAM on the room`);
    }
  } else if (minSeverity !== undefined && minSeverity < Severity.SEVERITY_HIGH) {
    ladder.forEach((step, i) => {
      [step, ...step.with].forEach((a, j) => {
        if (!SEVERE_KINDS.has(a.kind)) return;
        const where = j === 0 ? `${path}.ladder[${i}].kind` : `${path}.ladder[${i}].with[${j - 1}].kind`;
        p.add(where, `severe action ${shortName(ACTION_KIND_NAMES, a.kind)} needs minSeverity HIGH or CRITICAL (rule has ${shortName(SEVERITY_NAMES, minSeverity)})`);
      });
    });
  }
  if (id === undefined || category === undefined || subcategory === undefined || minSeverity === undefined || cooldownMs === undefined || escalationWindowMs === undefined) return undefined;
  if (roomTier !== "normal" && roomTier !== "key" && roomTier !== "*") return undefined;
  if (about !== "account" && about !== "room" && about !== "*") return undefined;
  if (about === "room") {
    ladder.forEach((step, i) => [step, ...step.with].forEach((a, j) => {
      if (a.target === "subject") p.add(j === 0 ? `${path}.ladder[${i}].target` : `${path}.ladder[${i}].with[${j - 1}].target`, "a rule about rooms has no subject account to act on");
    }));
  }
  return { id, category, subcategory, minSeverity, roomTier: roomTier as RuleTier, about: about as RuleAbout, cooldownMs, escalationWindowMs, ladder };
}

function parseKeyRooms(raw: Json, path: string, p: Problems): KeyRoomPolicy | null {
  if (raw === undefined || raw === null) return null;
  if (!isObj(raw)) {
    p.add(path, `expected an object, got ${describe(raw)}`);
    return null;
  }
  checkKeys(raw, path, ["minFollowers", "minSalesCents", "salesWindowMs", "episodeIdleMs", "actions"], p);
  const minFollowers = int(raw, "minFollowers", path, p, 1);
  const minSalesCents = int(raw, "minSalesCents", path, p, 1);
  const salesWindowMs = int(raw, "salesWindowMs", path, p, 1);
  const episodeIdleMs = int(raw, "episodeIdleMs", path, p, 1);
  const actions: PolicyAction[] = [];
  const actionsRaw = raw["actions"];
  if (!Array.isArray(actionsRaw)) p.add(`${path}.actions`, `expected an array of actions, got ${actionsRaw === undefined ? "nothing" : describe(actionsRaw)}`);
  else actionsRaw.forEach((a, i) => {
    const action = parseAction(a, `${path}.actions[${i}]`, p);
    if (action === undefined) return;
    if (SEVERE_KINDS.has(action.kind)) p.add(`${path}.actions[${i}].kind`, "a key room is not an offence: severe actions are not allowed here");
    if (action.target !== "room") p.add(`${path}.actions[${i}].target`, "key-room actions act on the room");
    actions.push(action);
  });
  if (minFollowers === undefined || minSalesCents === undefined || salesWindowMs === undefined || episodeIdleMs === undefined) return null;
  return { minFollowers, minSalesCents, salesWindowMs, episodeIdleMs, actions };
}

/** Validates a parsed JSON document; throws `PolicyValidationError` listing every problem. */
export function parsePolicy(doc: Json, source = "<policy>"): Policy {
  const p = new Problems();
  if (!isObj(doc)) throw new PolicyValidationError([`$: expected a policy object, got ${describe(doc)}`], source);
  checkKeys(doc, "$", ["$schema", "schemaVersion", "policyVersion", "description", "keyRooms", "rules"], p);
  if (doc["schemaVersion"] !== POLICY_SCHEMA_VERSION) p.add("schemaVersion", `expected ${POLICY_SCHEMA_VERSION}, got ${doc["schemaVersion"] === undefined ? "nothing" : describe(doc["schemaVersion"])}`);
  const policyVersion = str(doc, "policyVersion", "$", p);
  const description = str(doc, "description", "$", p, true) ?? "";
  const keyRooms = parseKeyRooms(doc["keyRooms"], "keyRooms", p);
  const rules: PolicyRule[] = [];
  const rulesRaw = doc["rules"];
  if (!Array.isArray(rulesRaw)) p.add("rules", `expected an array of rules, got ${rulesRaw === undefined ? "nothing" : describe(rulesRaw)}`);
  else {
    const ids = new Set<string>();
    rulesRaw.forEach((r, i) => {
      const rule = parseRule(r, `rules[${i}]`, p);
      if (rule === undefined) return;
      if (ids.has(rule.id)) p.add(`rules[${i}].id`, `duplicate rule id '${rule.id}'`);
      ids.add(rule.id);
      rules.push(rule);
    });
  }
  // Paths built as `$.x` read better without the root marker.
  const problems = p.list.map((l) => l.replace(/^\$\./, ""));
  if (problems.length > 0 || policyVersion === undefined) throw new PolicyValidationError(problems, source);
  return Object.freeze({ schemaVersion: POLICY_SCHEMA_VERSION, policyVersion, description, keyRooms, rules });
}

/** Parses policy JSON text; a syntax error is reported as a validation problem at `$`. */
export function parsePolicyText(text: string, source = "<policy>"): Policy {
  let doc: Json;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new PolicyValidationError([`$: not valid JSON: ${(err as Error).message}`], source);
  }
  return parsePolicy(doc, source);
}

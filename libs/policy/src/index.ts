/**
 * @redline/policy — the versioned, declarative action policy: turns alerts
 * into ControlActions through ladders with cooldowns and escalation windows,
 * marks key rooms (followers or sales) for inspectors and longer retention,
 * names every action with a deterministic id, reloads its file without a
 * restart and can run a candidate policy in shadow beside the live one.
 * Pure except `PolicyStore.watch` (file polling). Format: docs/policy.md.
 *
 * @example
 * const store = PolicyStore.load("deploy/policy/default-policy.json", { onError: (e) => log.warn(e.message) }).watch();
 * const stage = new PolicyStage({ live: store, shadow: fixedPolicy(loadPolicyFile("candidate.json")) });
 * const pipeline = new RiskPipeline(new RiskEngine(), [stage]);
 * for (const event of events) for (const out of pipeline.push(event)) publish(out);
 * const checkpoint = stage.snapshot(); // later: stage.restore(checkpoint)
 */
// What other packages use, and nothing more (#13): the stage, its policy
// sources and the policy's type. Ladders, state, action ids, the schema's
// parts and the errors stay internal to the package.
export { PolicyStage } from "./policy-stage";
export { KEY_ROOM_SUBCATEGORY } from "./policy-runner";
export type { PolicySource, RunnerCounters } from "./policy-runner";
export { PolicyStore, fixedPolicy, loadPolicyFile } from "./policy-store";
export type { Policy } from "./policy-types";

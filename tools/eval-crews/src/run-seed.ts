/**
 * One seed through the detector: generate the blind scenario, turn its
 * LiveEvents into account-activity records in (eventTimeMs, eventId) order,
 * as the room engine would publish them, ingest them, score the findings.
 */
import { join } from "node:path";
import { CrewDetector, crewAlert, RoomContextTracker, type CrewConfig, type CrewOutput, type CrewStateSize, type AccountActivity } from "@redline/crews";
import { DEFAULT_CREW_SCENARIO_OPTIONS, generateCrewScenario } from "@redline/crew-scenarios";
import { AccountActivityStage, createPipeline, InProcessAccountRisk } from "@redline/pipeline";
import { fixedPolicy, loadPolicyFile, type PolicySource } from "@redline/policy";
import type { Alert, ControlAction } from "@redline/proto";
import { scoreRoomActions, type RoomActionScore } from "./room-actions-scoring";
import { type CrewScore, type EngineRoomAlert, scoreCrews, scoreTableRooms, type TableRoomScore } from "./crew-scoring";

export interface SeedResult {
  seed: number;
  events: number;
  records: number;
  score: CrewScore;
  state: CrewStateSize;
  /** Records per second through `CrewDetector.ingest` alone. */
  recordsPerSecond: number;
  /** The same seed through the risk engine's pipeline (`--engine`): what the service and `redline replay --crews` see. */
  throughEngine?: EnginePathResult;
}

export interface EnginePathResult {
  records: number;
  /** Events the engine applied late, out of order, which get no activity record. */
  lateDropped: number;
  score: CrewScore;
  state: CrewStateSize;
  /** Rooms whose falsification alerts the account-risk table raised (known crew accounts acting there). */
  tableRooms: TableRoomScore;
  /** What the rooms got from the shipped policy, the crew's room alerts acted on in their own pipeline included (#21). */
  roomActions: RoomActionScore;
}

/** The policy `deploy/` ships, as the service and `npm start` run it. */
function shippedPolicy(): PolicySource {
  return fixedPolicy(loadPolicyFile(join(__dirname, "..", "..", "..", "deploy", "policy", "default-policy.json")));
}

export function runSeed(seed: number, config: Partial<CrewConfig> = {}, throughEngine = false): SeedResult {
  const { events, truth } = generateCrewScenario({ ...DEFAULT_CREW_SCENARIO_OPTIONS, seed });
  const result = runDirect(seed, events, truth, config);
  return throughEngine ? { ...result, throughEngine: runThroughEngine(events, truth, config) } : result;
}

type Scenario = ReturnType<typeof generateCrewScenario>;

/**
 * The service's path: the LiveEvents through the risk engine's pipeline with
 * its account-activity stage and the account-risk table read back
 * (`InProcessAccountRisk`, what `redline replay --crews` runs and the
 * service runs with REDLINE_ENGINE_READ_ACCOUNT_RISK on), in the order the
 * engine applies them, then the same scoring; the rooms whose
 * falsification alerts the table raised; and, with the shipped policy, the
 * actions the rooms got (the crew's room alerts acted on included).
 */
function runThroughEngine(events: Scenario["events"], truth: Scenario["truth"], config: Partial<CrewConfig>): EnginePathResult {
  const loop = new InProcessAccountRisk(config);
  const pipeline = createPipeline({ ...loop.spec(), policy: shippedPolicy() });
  const outputs: CrewOutput[] = [];
  const alerts: EngineRoomAlert[] = [];
  const roomAlerts: Alert[] = [];
  const actions: ControlAction[] = [];
  const take = (released: ReturnType<typeof pipeline.push>) => {
    const settled = loop.settle(pipeline);
    for (const o of [...released, ...settled.outputs]) {
      if ("action" in o) actions.push(o.action);
      else {
        alerts.push({ roomId: o.alert.roomId, severity: o.alert.severity, knownCrew: o.alert.explanation?.signals.some((s) => s.name === "known_crew_accounts") === true });
        roomAlerts.push(o.alert);
      }
    }
    outputs.push(...settled.crews);
    roomAlerts.push(...settled.crews.map((c) => crewAlert(c)));
  };
  for (const event of events) take(pipeline.push(event));
  take(pipeline.end());
  const stage = pipeline.stageNamed(AccountActivityStage.STAGE_NAME);
  return {
    records: loop.records,
    lateDropped: stage instanceof AccountActivityStage ? stage.lateDropped : 0,
    score: scoreCrews(outputs, truth),
    state: loop.detector.stateSize(),
    tableRooms: scoreTableRooms(alerts, truth),
    roomActions: scoreRoomActions(roomAlerts, actions, truth),
  };
}

function runDirect(seed: number, events: Scenario["events"], truth: Scenario["truth"], config: Partial<CrewConfig>): SeedResult {
  const rooms = new RoomContextTracker();
  const records: AccountActivity[] = [];
  for (const event of events) {
    const record = rooms.toActivity(event);
    if (record !== undefined) records.push(record);
  }
  const detector = new CrewDetector(config);
  const outputs: CrewOutput[] = [];
  const started = process.hrtime.bigint();
  for (const record of records) for (const o of detector.ingest(record)) outputs.push(o);
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  return {
    seed,
    events: events.length,
    records: records.length,
    score: scoreCrews(outputs, truth),
    state: detector.stateSize(),
    recordsPerSecond: Math.round(records.length / (elapsedMs / 1000)),
  };
}

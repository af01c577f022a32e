/**
 * One seed through the detector: generate the blind scenario, turn its
 * LiveEvents into account-activity records in (eventTimeMs, eventId) order,
 * as the room engine would publish them, ingest them, score the findings.
 */
import { CrewDetector, RoomContextTracker, type CrewConfig, type CrewOutput, type CrewStateSize, type AccountActivity } from "@redline/crews";
import { DEFAULT_CREW_SCENARIO_OPTIONS, generateCrewScenario } from "@redline/crew-scenarios";
import { type CrewScore, scoreCrews } from "./crew-scoring";

export interface SeedResult {
  seed: number;
  events: number;
  records: number;
  score: CrewScore;
  state: CrewStateSize;
  /** Records per second through `CrewDetector.ingest` alone. */
  recordsPerSecond: number;
}

export function runSeed(seed: number, config: Partial<CrewConfig> = {}): SeedResult {
  const { events, truth } = generateCrewScenario({ ...DEFAULT_CREW_SCENARIO_OPTIONS, seed });
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

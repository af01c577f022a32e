/**
 * Runs events through a fresh engine as the pipeline applies them (event time, then event id) and returns
 * every alert raised, for detector tests of this package (with `config` over the defaults when given).
 */
import type { Alert, LiveEvent } from "@redline/proto";
import { RiskEngine } from "../engine";

export function alertsFor(events: readonly LiveEvent[], config?: ConstructorParameters<typeof RiskEngine>[0]): Alert[] {
  const engine = new RiskEngine(config);
  const sorted = [...events].sort((a, b) => a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : 1));
  return [...sorted.map((e) => engine.ingest(e)), engine.flush()].flatMap((step) => step.outputs.map((o) => o.alert));
}

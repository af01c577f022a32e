/**
 * `redline replay --crews`: the crew detector (issue 21) behind the replayed
 * engine, and its account-risk table read back by the engine, as the risk
 * engine and the crew-detector service run them with the account-risk read
 * on (`InProcessAccountRisk`, libs/pipeline). The engine applies events in
 * (eventTimeMs, eventId) order, so the account-activity records it drains
 * are already in the order the service releases them in; the detector, the
 * alerts and the table's versions are the service's (CrewDetector, crewAlert,
 * accountRiskVersions), so the same input gives the same alerts.
 */
import { crewAlert, type CrewStateSize } from "@redline/crews";
import { outputToJsonLine, type PipelineOutput, type RiskPipeline } from "@redline/engine";
import { InProcessAccountRisk, type PipelineSpec } from "@redline/pipeline";

export class ReplayCrews {
  private readonly loop = new InProcessAccountRisk();
  alerts = 0;

  /** What the pipeline spec needs: keep activity records, hold on the in-process table and read it. */
  spec(): Pick<PipelineSpec, "accountActivity" | "hold" | "accountRiskAt"> {
    return this.loop.spec();
  }

  /** The in-process account-risk table the engine holds on. */
  get table(): InProcessAccountRisk["table"] {
    return this.loop.table;
  }

  get records(): number {
    return this.loop.records;
  }

  /**
   * After each step of the pipeline: the engine outputs of the events the
   * table let through, then the crew alerts of the records applied so far.
   */
  take(pipeline: RiskPipeline): { outputs: PipelineOutput[]; crewLines: string[] } {
    const step = this.loop.settle(pipeline);
    const crewLines = step.crews.map((out) => outputToJsonLine({ alert: crewAlert(out) }) + "\n");
    this.alerts += crewLines.length;
    return { outputs: step.outputs, crewLines };
  }

  state(): CrewStateSize {
    return this.loop.detector.stateSize();
  }

  /** Account-risk versions the crew findings wrote to the in-process table. */
  get tableVersions(): number {
    return this.loop.versions;
  }
}

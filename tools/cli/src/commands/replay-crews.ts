/**
 * `redline replay --crews`: the crew detector (issue 21) behind the replayed
 * engine, as the crew-detector service runs it behind the risk engines. The
 * engine applies events in (eventTimeMs, eventId) order, so the
 * account-activity records it drains are already in the order the service
 * releases them in; the detector and the alerts are the service's own
 * (CrewDetector, crewAlert), so the same input gives the same crew alerts.
 */
import { CrewDetector, crewAlert, type CrewStateSize } from "@redline/crews";
import { outputToJsonLine } from "@redline/engine";
import { drainAccountActivity } from "@redline/pipeline";
import type { RiskPipeline } from "@redline/engine";

export class ReplayCrews {
  private readonly detector = new CrewDetector();
  records = 0;
  alerts = 0;

  /** The crew alerts raised by the records the pipeline applied since the last call, as output lines. */
  take(pipeline: RiskPipeline): string[] {
    const activity = drainAccountActivity(pipeline);
    this.records += activity.length;
    const lines = this.detector.ingestAll(activity).map((out) => outputToJsonLine({ alert: crewAlert(out) }) + "\n");
    this.alerts += lines.length;
    return lines;
  }

  state(): CrewStateSize {
    return this.detector.stateSize();
  }
}

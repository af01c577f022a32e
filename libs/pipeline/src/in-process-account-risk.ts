/**
 * The #21 loop in one process, for `redline replay --crews` and the eval:
 * the pipeline's account-activity records go to a crew detector, its
 * MEDIUM+ account findings become versions of the account-risk table (the
 * versions the crew-detector service writes to `risk.account-risk`, at the
 * minute of the finding), and the pipeline holds on that table through the
 * same `MinuteTableHold` the risk engine uses. The table's one producer is
 * this replay's engine, whose promise is what it is done with
 * (`sealAccountActivity`), so the engine reads, with `valueAt`, exactly the
 * versions the service's engine reads behind the crew detector's marks:
 * versions from earlier minutes only, every one of them already written.
 * When they become ready differs (here at once, there a Kafka round trip
 * later), and only that. Room findings' alerts go to `roomAlerts`, which the
 * pipeline's policy acts on once the table is past their minute, as the
 * service's engines do with the values the detector writes.
 */
import { accountRiskVersions, CrewDetector, crewRoomTableEntry, type AccountRiskVersion, type CrewConfig, type CrewOutput } from "@redline/crews";
import type { PipelineOutput, RiskPipeline } from "@redline/engine";
import { MinuteVersionedTable, minuteStart } from "@redline/minute-table";
import { accountRiskLookup } from "./account-risk-lookup";
import { drainAccountActivity, sealAccountActivity, type PipelineSpec } from "./create-pipeline";
import { CrewRoomAlerts } from "./crew-room-alerts";
import { MinuteTableHold } from "./minute-table-hold";

/** What one `settle` released: the engine's outputs of the events the table let through, and the crew detector's findings. */
export interface SettledStep {
  outputs: PipelineOutput[];
  crews: CrewOutput[];
}

export class InProcessAccountRisk {
  /** One lane, one producer (this engine): what the service's table is with every engine partition merged. */
  readonly table = new MinuteVersionedTable<AccountRiskVersion>(1);
  readonly hold = new MinuteTableHold({ "account-risk": this.table });
  /** The crew detector's room alerts, as the service's table reader keeps them (`crewRoomTableKey` values). */
  readonly roomAlerts = new CrewRoomAlerts();
  readonly detector: CrewDetector;
  /** Account-activity records handed to the detector so far. */
  records = 0;
  /** Account-risk versions written so far. */
  versions = 0;
  private promisedMs = Number.NEGATIVE_INFINITY;

  constructor(crew: Partial<CrewConfig> = {}) {
    this.detector = new CrewDetector(crew);
  }

  /** What a pipeline spec needs to run the loop: keep activity records, hold on the table, read it. */
  spec(): Pick<PipelineSpec, "accountActivity" | "hold" | "accountRiskAt" | "crewRoomAlerts"> {
    return { accountActivity: true, hold: this.hold, accountRiskAt: accountRiskLookup(this.table), crewRoomAlerts: { alerts: this.roomAlerts, ready: this.table } };
  }

  /**
   * Call after each `push` (and after `end`): carries the pipeline's
   * activity through the detector into the table, marks the table through
   * what the engine is done with, and applies the events that lets through,
   * until nothing moves. Returns what that released, in order.
   */
  settle(pipeline: RiskPipeline): SettledStep {
    const step: SettledStep = { outputs: [], crews: [] };
    for (;;) {
      const activity = drainAccountActivity(pipeline);
      this.records += activity.length;
      for (const out of this.detector.ingestAll(activity)) {
        step.crews.push(out);
        this.write(out);
      }
      const promisedMs = sealAccountActivity(pipeline);
      if (promisedMs <= this.promisedMs) return step;
      this.promisedMs = promisedMs;
      this.table.observe(0, { producerPartition: 0, producerPartitions: 1, watermarkMs: promisedMs });
      for (const out of pipeline.applyHeld()) step.outputs.push(out);
    }
  }

  /** The versions a finding produces, at the finding's minute, as the crew-detector service writes them (CrewStream); a room finding's alert likewise. */
  private write(out: CrewOutput): void {
    if (out.level === "room") {
      this.roomAlerts.put(minuteStart(out.eventTimeMs), crewRoomTableEntry(out).alert);
      return;
    }
    for (const value of accountRiskVersions(out, this.detector.config.windowMs)) {
      this.table.put(value.accountId, { minuteMs: minuteStart(out.eventTimeMs), producerPartition: 0, value });
      this.versions++;
    }
  }
}

import type { Logger } from "@redline/common";
import { markKeysFor, MinuteTableFeed, partitionCounts, type createKafkaClient, type DeadLetterWriter } from "@redline/kafka";
import { progressMarkKey } from "@redline/minute-table";
import { accountRiskLookup, MinuteTableHold, type PipelineSpec } from "@redline/pipeline";
import { AccountRisk } from "@redline/proto";
import { AccountActivityOutputs, type EngineOutput } from "./account-activity-outputs";
import type { RiskEngineConfig } from "./config";
import type { OutputRoute } from "./output-publisher";
import { accountActivityRoutes } from "./output-routes";

/**
 * The risk engine's side of the crew detector (issue 21), as configured:
 * publishing account activity (its routes, and each partition's records
 * and marks) and reading the account-risk table back (the hold on it).
 */
export class CrewWiring {
  private constructor(
    private readonly config: Pick<RiskEngineConfig, "accountActivityTopic">,
    private readonly inputPartitions: number,
    private readonly activityPartitions: number,
    private readonly accountRisk: MinuteTableFeed<AccountRisk> | undefined,
    /** The hold on the account-risk table; absent when the engine does not read it. */
    readonly hold: MinuteTableHold | undefined,
  ) {}

  static async open(
    config: Pick<RiskEngineConfig, "accountActivityTopic" | "accountRiskTopic">,
    inputPartitions: number,
    io: { kafka: ReturnType<typeof createKafkaClient>; deadLetters: DeadLetterWriter; logger: Logger; onFatal?: (err: Error) => void },
  ): Promise<CrewWiring> {
    const { kafka } = io;
    const activityPartitions = config.accountActivityTopic === "" ? 0 : (await partitionCounts(kafka, [config.accountActivityTopic])).get(config.accountActivityTopic)!;
    const accountRisk =
      config.accountRiskTopic === ""
        ? undefined
        : await MinuteTableFeed.open({ ...io, topic: config.accountRiskTopic, decode: (value) => AccountRisk.decode(value) });
    const hold = accountRisk ? new MinuteTableHold({ "account-risk": accountRisk.table }) : undefined;
    return new CrewWiring(config, inputPartitions, activityPartitions, accountRisk, hold);
  }

  get publishesActivity(): boolean {
    return this.activityPartitions > 0;
  }

  /** What the pipeline spec needs: keep activity records, hold on the table and read it (the room's known crews). */
  spec(): Pick<PipelineSpec, "accountActivity" | "hold" | "accountRiskAt"> {
    return {
      ...(this.publishesActivity ? { accountActivity: true } : {}),
      ...(this.hold && this.accountRisk ? { hold: this.hold, accountRiskAt: accountRiskLookup(this.accountRisk.table) } : {}),
    };
  }

  routes(): Array<OutputRoute<EngineOutput>> {
    return this.publishesActivity ? accountActivityRoutes(this.config.accountActivityTopic) : [];
  }

  /** Input partition `partition`'s activity records and progress marks; undefined when none are published. */
  activityOf(partition: number): AccountActivityOutputs | undefined {
    if (!this.publishesActivity) return undefined;
    return new AccountActivityOutputs(partition, this.inputPartitions, markKeysFor(progressMarkKey(partition), this.activityPartitions));
  }

  stop(): Promise<void> {
    return this.accountRisk?.stop() ?? Promise.resolve();
  }
}

import type { Logger } from "@redline/common";
import { markKeysFor, MinuteTableFeed, partitionCounts, partitionForKey, type createKafkaClient, type DeadLetterWriter } from "@redline/kafka";
import { progressMarkKey } from "@redline/minute-table";
import { accountRiskLookup, CrewRoomAlerts, type PipelineSpec, type ReadyTable } from "@redline/pipeline";
import { AccountRisk } from "@redline/proto";
import { AccountActivityOutputs, type EngineOutput } from "./account-activity-outputs";
import type { RiskEngineConfig } from "./config";
import type { OutputRoute } from "./output-publisher";
import { accountActivityRoutes } from "./output-routes";

/**
 * The risk engine's side of the crew detector (issue 21), as configured:
 * publishing account activity (its routes, and each partition's records
 * and marks) and reading the account-risk table back (the table the
 * service's hold waits on), with the crew's room alerts written on it.
 */
export class CrewWiring {
  private constructor(
    private readonly config: Pick<RiskEngineConfig, "accountActivityTopic">,
    private readonly inputPartitions: number,
    private readonly activityPartitions: number,
    private readonly accountRisk: MinuteTableFeed<AccountRisk> | undefined,
    /** The crew detector's room alerts, read from the same topic as the accounts' risk. */
    private readonly roomAlerts: CrewRoomAlerts,
  ) {}

  static async open(
    config: Pick<RiskEngineConfig, "accountActivityTopic" | "accountRiskTopic">,
    inputPartitions: number,
    io: { kafka: ReturnType<typeof createKafkaClient>; deadLetters: DeadLetterWriter; logger: Logger; onFatal?: (err: Error) => void },
  ): Promise<CrewWiring> {
    const { kafka } = io;
    const activityPartitions = config.accountActivityTopic === "" ? 0 : (await partitionCounts(kafka, [config.accountActivityTopic])).get(config.accountActivityTopic)!;
    const roomAlerts = new CrewRoomAlerts();
    const accountRisk =
      config.accountRiskTopic === ""
        ? undefined
        : await MinuteTableFeed.open({
            ...io,
            topic: config.accountRiskTopic,
            decode: (value) => AccountRisk.decode(value),
            divert: { takes: (key) => roomAlerts.takes(key), put: (key, minuteMs, value) => roomAlerts.putRecord(key, minuteMs, value) },
          });
    return new CrewWiring(config, inputPartitions, activityPartitions, accountRisk, roomAlerts);
  }

  get publishesActivity(): boolean {
    return this.activityPartitions > 0;
  }

  /** The account-risk table the pipeline's hold waits on, by name; none when not read. */
  tables(): Record<string, ReadyTable> {
    return this.accountRisk === undefined ? {} : { "account-risk": this.accountRisk.table };
  }

  /** What the pipeline spec needs: keep activity records and read the table (the room's known crews); the hold is the service's, over every table. */
  spec(): Pick<PipelineSpec, "accountActivity" | "accountRiskAt"> {
    return {
      ...(this.publishesActivity ? { accountActivity: true } : {}),
      ...(this.accountRisk ? { accountRiskAt: accountRiskLookup(this.accountRisk.table) } : {}),
    };
  }

  /**
   * What partition `partition`'s pipeline adds: the crew's room alerts about
   * the rooms it owns, which its policy acts on (#21). Rooms are keyed by id
   * on every input topic, so Kafka's partitioner names the one partition
   * whose engine has the room's facts, as replay's one pipeline has them all.
   */
  specFor(partition: number): Pick<PipelineSpec, "crewRoomAlerts"> {
    if (this.accountRisk === undefined) return {};
    const partitions = this.inputPartitions;
    return { crewRoomAlerts: { alerts: this.roomAlerts, ready: this.accountRisk.table, owns: (roomId) => partitionForKey(roomId, partitions) === partition } };
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

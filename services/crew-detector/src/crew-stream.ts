/**
 * The crew detector behind its input: records of `risk.account-activity` in
 * arrival order, findings out in the exact (eventTimeMs, eventId) order a
 * replay applies them. Each record's producer progress moves the frontier
 * (the least watermark over every partition and engine partition); held
 * records at or below it are released in order to the detector. It also
 * says when the account-risk table needs its progress marks (each time the
 * frontier enters a new event-time minute) and when to snapshot, and keeps
 * the offsets a snapshot resumes from. No Kafka here: the service does the
 * reading and writing.
 */
import { accountRiskVersions, CrewDetector, crewRoomTableEntry, type AccountActivity, type CrewConfig, type CrewOutput } from "@redline/crews";
import { refusalOf, type InputRecord, type Refusal, type TableValue } from "@redline/kafka";
import { minuteStart, ProducerProgress, WatermarkRelease, type ProducerProgressSnapshot } from "@redline/minute-table";
import { AccountRisk, Alert } from "@redline/proto";
import { Packr } from "msgpackr";
import { readActivityRecord } from "./activity-record";
import { LateActivityError } from "./errors";

export interface StreamStep {
  refusals: Refusal[];
  /** Findings of the records released by this step, in order. */
  outputs: CrewOutput[];
  /** Account-risk versions those findings produced, and their room alerts (`crewRoomTableKey`) for the rooms' engines. */
  tableValues: TableValue[];
  /** Set when the frontier entered a new minute: write progress marks through it. */
  markThroughMs: number | undefined;
  /** The frontier entered a new snapshot block. */
  snapshotDue: boolean;
  released: number;
}

interface StreamSnapshot {
  format: 1;
  detector: Uint8Array;
  progress: ProducerProgressSnapshot;
  release: { releasedThroughMs: number; held: AccountActivity[] };
  /** Offsets as numbers, as format 1 has always written them (exact below 2^53). */
  positions: Array<[number, number]>;
  markedMinuteMs: number;
  snapshotBlock: number;
}

const packr = new Packr({ useRecords: true, mapsAsObjects: false });
const MINUTE_MS = 60_000;

export class CrewStream {
  private constructor(
    readonly detector: CrewDetector,
    private readonly progress: ProducerProgress,
    private readonly release: WatermarkRelease<AccountActivity>,
    /** Next offset to read per partition: everything before it is in the detector or held. */
    private readonly positions: Map<number, bigint>,
    private markedMinuteMs: number,
    private snapshotBlock: number,
    private readonly snapshotEveryMinutes: number,
  ) {}

  static fresh(lanes: number, from: ReadonlyMap<number, bigint>, crew: Partial<CrewConfig>, snapshotEveryMinutes = 1): CrewStream {
    return new CrewStream(new CrewDetector(crew), new ProducerProgress(lanes), new WatermarkRelease(), new Map(from), Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, snapshotEveryMinutes);
  }

  static restore(bytes: Uint8Array, crew: Partial<CrewConfig>, snapshotEveryMinutes = 1): CrewStream {
    const s = packr.unpack(bytes) as StreamSnapshot;
    return new CrewStream(
      CrewDetector.restore(s.detector, crew),
      ProducerProgress.fromSnapshot(s.progress),
      WatermarkRelease.fromSnapshot(s.release),
      new Map(s.positions.map(([partition, offset]) => [partition, BigInt(offset)])),
      s.markedMinuteMs,
      s.snapshotBlock,
      snapshotEveryMinutes,
    );
  }

  snapshot(): Uint8Array {
    const s: StreamSnapshot = {
      format: 1,
      detector: this.detector.snapshot(),
      progress: this.progress.toSnapshot(),
      release: this.release.toSnapshot(),
      positions: [...this.positions].map(([partition, offset]) => [partition, Number(offset)]),
      markedMinuteMs: this.markedMinuteMs,
      snapshotBlock: this.snapshotBlock,
    };
    return packr.pack(s);
  }

  /** Where reading resumes, per partition. */
  from(): Map<number, bigint> {
    return new Map(this.positions);
  }

  get heldCount(): number {
    return this.release.heldCount;
  }

  frontierMs(): number {
    return this.progress.frontierMs();
  }

  /** Partitions × engine partitions not heard from yet, for the log while the frontier waits. */
  missing(): string[] {
    return this.progress.missing();
  }

  accept(records: readonly InputRecord[]): StreamStep {
    const refusals: Refusal[] = [];
    for (const record of records) {
      this.positions.set(record.partition, record.offset + 1n);
      try {
        const { mark, activity } = readActivityRecord(record);
        this.progress.observe(record.partition, mark);
        if (activity !== undefined && !this.release.add(activity)) throw new LateActivityError(activity.eventId, activity.eventTimeMs, this.release.releasedThroughMs);
      } catch (err) {
        refusals.push(refusalOf(record, err, "INVALID_FIELD"));
      }
    }
    const frontier = this.progress.frontierMs();
    const released = this.release.releaseThrough(frontier);
    const outputs = this.detector.ingestAll(released);
    const tableValues: TableValue[] = [];
    for (const out of outputs) {
      if (out.level === "room") {
        // The room engine that owns the room acts on it behind the table's hold (#21), as replay does.
        const entry = crewRoomTableEntry(out);
        tableValues.push({ key: entry.key, minuteMs: minuteStart(out.eventTimeMs), value: Buffer.from(Alert.encode(entry.alert).finish()) });
        continue;
      }
      for (const v of accountRiskVersions(out, this.detector.config.windowMs)) {
        tableValues.push({ key: v.accountId, minuteMs: minuteStart(out.eventTimeMs), value: Buffer.from(AccountRisk.encode(v).finish()) });
      }
    }
    let markThroughMs: number | undefined;
    let snapshotDue = false;
    // Watermarks are safe integers: the frontier is one once every producer has been heard from.
    if (frontier !== Number.NEGATIVE_INFINITY) {
      const minute = minuteStart(frontier);
      // Marked each time the frontier completes a minute (reaches its last millisecond or beyond): a reader is
      // ready for minute m only then, and an engine holding events of m would otherwise wait for the next minute's.
      const completeBefore = minuteStart(frontier + 1);
      if (completeBefore > this.markedMinuteMs || tableValues.length > 0) {
        this.markedMinuteMs = Math.max(this.markedMinuteMs, completeBefore);
        markThroughMs = frontier;
      }
      const block = Math.floor(minute / (this.snapshotEveryMinutes * MINUTE_MS));
      if (block > this.snapshotBlock) {
        this.snapshotBlock = block;
        snapshotDue = true;
      }
    }
    return { refusals, outputs, tableValues, markThroughMs, snapshotDue, released: released.length };
  }
}

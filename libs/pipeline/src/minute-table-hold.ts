/**
 * The engine's hold on minute-versioned tables (#21 account risk, #12 peer
 * baselines): an event is applied only once every table it may read is
 * ready for its time (`MinuteVersionedTable.readyFor`), so the values it
 * reads with `valueAt` are the versions a replay computes, whatever order
 * the table's records arrived in. The hold caps how far the engine applies
 * (`EngineDeps.applyLimitMs`): events above the cap wait in the engine's
 * buffer, and `applyHeld` applies them once the tables move. N tables, one
 * cap: the least of their ready-through times. Why it cannot deadlock,
 * although the engine feeds the crew detector that writes the account-risk
 * table: libs/minute-table/README.md, "The engine's hold".
 */

import { UnknownTableError } from "./errors";

/** What the hold needs of a table: how far it is ready. `MinuteVersionedTable` is one. */
export interface ReadyTable {
  readyThroughMs(): number;
}

export class MinuteTableHold {
  private readonly tables: ReadonlyMap<string, ReadyTable>;
  /** Tables the service gave up waiting on for now (`TableWaitBound`); replay never passes one over. */
  private readonly passedOver = new Set<string>();

  /** @param tables by name (the names are for logs and metrics: which table holds a partition back) */
  constructor(tables: ReadonlyMap<string, ReadyTable> | Record<string, ReadyTable>) {
    this.tables = tables instanceof Map ? new Map(tables) : new Map(Object.entries(tables));
  }

  get tableNames(): string[] {
    return [...this.tables.keys()];
  }

  /** Events at or below this may be applied: every table not passed over is ready for them. +Infinity without tables. */
  readyThroughMs(): number {
    let through = Number.POSITIVE_INFINITY;
    for (const [name, table] of this.tables) if (!this.passedOver.has(name)) through = Math.min(through, table.readyThroughMs());
    return through;
  }

  /** The named table's own ready time, passed over or not. */
  tableReadyThroughMs(name: string): number {
    const table = this.tables.get(name);
    if (table === undefined) throw new UnknownTableError(name, this.tableNames);
    return table.readyThroughMs();
  }

  /** Stops (or resumes) waiting on the named table: the engine then applies what its other tables allow, reading the versions this one has. */
  passOver(name: string, on: boolean): void {
    this.tableReadyThroughMs(name);
    if (on) this.passedOver.add(name);
    else this.passedOver.delete(name);
  }

  /** The tables not ready for an event at `eventTimeMs`. */
  waitingFor(eventTimeMs: number): string[] {
    return [...this.tables].filter(([, table]) => table.readyThroughMs() < eventTimeMs).map(([name]) => name);
  }
}

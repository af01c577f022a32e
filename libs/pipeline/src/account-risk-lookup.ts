/**
 * The engine's `accountRiskAt` (#21) over an account-risk minute table: the
 * risk engine's (`MinuteTableFeed` of `risk.account-risk`) and replay's
 * (`InProcessAccountRisk`) alike, so both read a version the same way.
 */
import type { EngineDeps } from "@redline/engine";

/** What the engine reads of an account-risk version; the crews lib's `AccountRiskVersion` and the proto `AccountRisk` both are one. */
export interface AccountRiskValue {
  crewId: string;
  severity: number;
  score: number;
  expiresMs: number;
}

/** A table read the minute-versioned way (`MinuteVersionedTable.valueAt`). */
export interface AccountRiskTable {
  valueAt(accountId: string, eventTimeMs: number): AccountRiskValue | undefined;
}

/** The version in force at the event's time, unless the crew's evidence has expired by then. */
export function accountRiskLookup(table: AccountRiskTable): NonNullable<EngineDeps["accountRiskAt"]> {
  return (accountId, eventTimeMs) => {
    const v = table.valueAt(accountId, eventTimeMs);
    return v === undefined || v.expiresMs <= eventTimeMs ? undefined : { crewId: v.crewId, severity: v.severity, score: v.score };
  };
}

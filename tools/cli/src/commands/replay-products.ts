/**
 * `redline replay --products FILE`: the `live.products` table for a replay,
 * from ProductFacts proto3-JSON lines (one version per line, as the topic's
 * records hold them). Each version applies from its own validFromMs, as in
 * the service, so the replay checks claims against the same facts whatever
 * order the file lists them in. Invalid lines are counted by reason.
 */
import { readFileSync } from "node:fs";
import { decodeProductFacts, InvalidEventError, REPLAY_LIMITS } from "@redline/events";
import { ProductTable } from "@redline/pipeline";

export interface LoadedProducts {
  table: ProductTable;
  versions: number;
  invalid: Map<string, number>;
}

export function loadProductsFile(path: string): LoadedProducts {
  const table = new ProductTable();
  const invalid = new Map<string, number>();
  let versions = 0;
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    try {
      const key = (JSON.parse(line) as { skuId?: unknown }).skuId;
      const update = decodeProductFacts({ key: typeof key === "string" ? key : undefined, value: Buffer.from(line, "utf8"), contentType: "application/json" }, REPLAY_LIMITS);
      if (update.facts !== null) table.upsert(update.facts);
      versions++;
    } catch (err) {
      const reason = err instanceof InvalidEventError ? err.reason : "UNDECODABLE";
      invalid.set(reason, (invalid.get(reason) ?? 0) + 1);
    }
  }
  return { table, versions, invalid };
}

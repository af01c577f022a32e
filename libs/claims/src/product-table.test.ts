import { ProductFacts } from "@redline/proto";
import { ProductTable } from "./product-table";

const v = (skuId: string, validFromMs: number, name = "v") => ProductFacts.fromPartial({ skuId, validFromMs, name });

describe("ProductTable", () => {
  it("answers with the version in force at a time, whatever order the versions came in", () => {
    const table = new ProductTable();
    table.upsert(v("a", 200, "second"));
    table.upsert(v("a", 100, "first"));
    expect(table.factsAt("a", 99)).toBeUndefined();
    expect(table.factsAt("a", 150)?.name).toBe("first");
    expect(table.factsAt("a", 200)?.name).toBe("second");
    table.upsert(v("a", 200, "second, re-sent"));
    expect(table.factsAt("a", 500)?.name).toBe("second, re-sent");
    table.remove("a");
    expect(table.factsAt("a", 500)).toBeUndefined();
  });

  it("keeps the latest versions per SKU and drops the SKU updated longest ago", () => {
    const table = new ProductTable({ maxSkus: 2, maxVersionsPerSku: 2 });
    for (const t of [1, 2, 3]) table.upsert(v("a", t));
    expect(table.factsAt("a", 1)).toBeUndefined();
    expect(table.factsAt("a", 2)?.validFromMs).toBe(2);
    table.upsert(v("b", 1));
    table.upsert(v("a", 4));
    table.upsert(v("c", 1));
    expect([table.factsAt("b", 9), table.size, table.evictedSkus]).toEqual([undefined, 2, 1]);
  });
});

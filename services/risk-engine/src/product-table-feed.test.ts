import { ProductTable } from "@redline/claims";
import { DEFAULT_LIMITS } from "@redline/events";
import type { InputRecord } from "@redline/kafka";
import { ProductFacts } from "@redline/proto";
import { applyProductRecord } from "./product-table-feed";

const record = (key: string, value: Buffer, contentType = "application/json"): InputRecord => ({ topic: "live.products", partition: 0, offset: 7n, key: Buffer.from(key), value, headers: { "content-type": contentType }, timestampMs: 1 });
const facts = ProductFacts.fromPartial({ skuId: "sku-1", validFromMs: 100, name: "蜂蜜" });

describe("applyProductRecord", () => {
  it("adds a version, and a tombstone withdraws the SKU", () => {
    const table = new ProductTable();
    expect(applyProductRecord(table, record("sku-1", Buffer.from(ProductFacts.encode(facts).finish()), "application/x-protobuf"), DEFAULT_LIMITS)).toBeUndefined();
    expect(table.factsAt("sku-1", 100)?.name).toBe("蜂蜜");
    expect(applyProductRecord(table, record("sku-1", Buffer.alloc(0)), DEFAULT_LIMITS)).toBeUndefined();
    expect(table.factsAt("sku-1", 100)).toBeUndefined();
  });

  it("refuses a record that is not valid facts with the decoder's reason, and leaves the table alone", () => {
    const table = new ProductTable();
    const refusal = applyProductRecord(table, record("sku-2", Buffer.from(JSON.stringify(ProductFacts.toJSON(facts)))), DEFAULT_LIMITS);
    expect(refusal?.reason).toBe("INVALID_FIELD");
    expect(applyProductRecord(table, record("sku-1", Buffer.from("{")), DEFAULT_LIMITS)?.reason).toBe("UNDECODABLE");
    expect(table.size).toBe(0);
  });
});

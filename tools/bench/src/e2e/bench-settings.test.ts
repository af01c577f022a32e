import { parseBenchArgs } from "./bench-settings";

describe("parseBenchArgs", () => {
  it("defaults to the full run with 2 million records into docs/", () => {
    const s = parseBenchArgs([]);
    expect(s.records).toBe(2_000_000);
    expect(s.outFile).toBe("docs/performance.md");
    expect([...s.phases]).toEqual(["ceilings", "throughput", "latency"]);
  });

  it("makes --quick small and keeps its report out of docs/", () => {
    const s = parseBenchArgs(["--quick", "--only", "latency"]);
    expect(s.records).toBeLessThan(2_000_000);
    expect(s.outFile.startsWith(".local/")).toBe(true);
    expect([...s.phases]).toEqual(["latency"]);
  });

  it("refuses an unknown phase and a bad record count, naming the flag", () => {
    expect(() => parseBenchArgs(["--only", "soak"])).toThrow(/--only.*soak/);
    expect(() => parseBenchArgs(["--records", "12x"])).toThrow(/--records/);
  });

  it("reads the tuning phase's variants, the first as the baseline, and wants two", () => {
    const s = parseBenchArgs(["--quick", "--only", "tuning", "--variant", "defaults:", "--variant", "c8:REDLINE_ENGINE_PARTITIONS_CONCURRENTLY=8,REDLINE_X=a=b", "--rounds", "3"]);
    expect(s.variants).toEqual([
      { name: "defaults", env: {} },
      { name: "c8", env: { REDLINE_ENGINE_PARTITIONS_CONCURRENTLY: "8", REDLINE_X: "a=b" } },
    ]);
    expect(s.rounds).toBe(3);
    expect(() => parseBenchArgs(["--only", "tuning", "--variant", "defaults:"])).toThrow(/--variant/);
    expect(() => parseBenchArgs(["--only", "tuning", "--variant", "a:", "--variant", "b:lower=1"])).toThrow(/not VAR=value/);
    expect(() => parseBenchArgs(["--only", "tuning", "--variant", "a:", "--variant", "b:", "--rounds", "0"])).toThrow(/--rounds/);
  });
});

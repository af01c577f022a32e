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
});

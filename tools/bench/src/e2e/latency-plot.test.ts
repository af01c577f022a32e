import { latencyPlotSvg } from "./latency-plot";

describe("latencyPlotSvg", () => {
  it("draws one polyline and legend entry per series, higher latency higher up", () => {
    const svg = latencyPlotSvg("t <1>", [
      { name: "p50", colour: "#111", points: [[1000, 20], [5000, 40]] },
      { name: "p99", colour: "#222", points: [[1000, 200], [5000, Number.NaN]] },
    ]);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("t &lt;1&gt;");
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    const ys = [...svg.matchAll(/<circle cx="[\d.]+" cy="([\d.]+)"/g)].map((m) => Number(m[1]));
    // p50 at 1000 (20 ms), p50 at 5000 (40 ms), p99 at 1000 (200 ms); the NaN point is left out.
    expect(ys).toHaveLength(3);
    expect(ys[1]!).toBeLessThan(ys[0]!);
    expect(ys[2]!).toBeLessThan(ys[1]!);
  });
});

import { PassThrough } from "node:stream";
import { createProgress, type ProgressStream } from "./progress";

function stream(isTTY: boolean): { s: ProgressStream; text: () => string } {
  const s = Object.assign(new PassThrough(), { isTTY, columns: 120 });
  const chunks: string[] = [];
  s.on("data", (c: Buffer) => chunks.push(c.toString("utf8")));
  return { s, text: () => chunks.join("") };
}

describe("createProgress", () => {
  it("draws a bar with percentage, rate and ETA on a terminal", () => {
    const out = stream(true);
    let t = 0;
    const p = createProgress({ stream: out.s, unit: "lines", total: 1000, now: () => t, redrawEveryMs: 0 });
    expect(p.active).toBe(true);
    t = 2000;
    p.update(500, "12 outputs");
    p.stop();
    const text = out.text();
    expect(text).toMatch(/50% \| 500\/1000 lines \| 250 lines\/s \| ETA \d+s 12 outputs/);
  });

  it("shows count and rate without an ETA when the total is unknown", () => {
    const out = stream(true);
    let t = 0;
    const p = createProgress({ stream: out.s, unit: "bytes", now: () => t, redrawEveryMs: 0 });
    t = 4000;
    p.update(2000);
    p.stop();
    expect(out.text()).toMatch(/2000 bytes \| 500 bytes\/s/);
    expect(out.text()).not.toContain("ETA");
  });

  it("redraws at most once per interval from a tight loop, and ends at the final value", () => {
    const out = stream(true);
    let t = 0;
    const p = createProgress({ stream: out.s, unit: "lines", total: 100, now: () => t, redrawEveryMs: 1000 });
    t = 1000;
    p.update(10);
    t = 1500;
    p.update(20); // within the interval: not handed to the bar
    p.stop();
    expect(out.text()).toContain("10/100");
    expect(out.text()).not.toContain("20/100");
    const last = stream(true);
    const q = createProgress({ stream: last.s, unit: "lines", total: 100, now: () => t, redrawEveryMs: 1000 });
    q.update(10);
    q.stop(30);
    expect(last.text()).toContain("30/100");
  });

  it("writes nothing at all when the stream is not a terminal", () => {
    const out = stream(false);
    const p = createProgress({ stream: out.s, unit: "lines", total: 10, redrawEveryMs: 0 });
    expect(p.active).toBe(false);
    p.update(5);
    p.stop();
    expect(out.text()).toBe("");
  });
});

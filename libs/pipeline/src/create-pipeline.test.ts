import { ActionKind } from "@redline/proto";
import { createPipeline, policyCounters } from "./create-pipeline";
import { PIPELINE_DEFAULTS } from "./pipeline-defaults";
import { decodeSnapshot, encodeSnapshot, restorePipeline } from "./pipeline-snapshot";
import { shippedPolicy as policy, started, T0 } from "./testing/fixtures";

describe("createPipeline", () => {
  it("runs the service's defaults unless told otherwise", () => {
    expect(createPipeline().engine.config.allowedLatenessMs).toBe(PIPELINE_DEFAULTS.allowedLatenessMs);
    expect(createPipeline({ engine: { allowedLatenessMs: 1_234 } }).engine.config.allowedLatenessMs).toBe(1_234);
  });

  it("blocks a lone under-age start on receipt, without waiting for the watermark, and going quiet repeats nothing", () => {
    const pipeline = createPipeline({ policy: policy() });
    const outputs = pipeline.push(started("r1", T0, 14));
    const kinds = outputs.flatMap((o) => ("action" in o ? [o.action.kind] : []));
    expect(kinds).toContain(ActionKind.ACTION_KIND_BLOCK_STREAM);
    expect(pipeline.engine.watermarkMs).toBeLessThan(T0);
    expect(policyCounters(pipeline)?.live.actionsIssued).toBeGreaterThan(0);
    // The watermark-ordered path reaches the same event when input goes quiet: nothing new.
    expect(pipeline.idle()).toEqual([]);
    expect(pipeline.engine.counters().idleAdvances).toBe(1);
    expect(pipeline.idle()).toEqual([]);
    expect(pipeline.engine.counters().idleAdvances).toBe(1);
  });

  it("counts an event that arrives after an idle advance at or before its time as late, and still applies it", () => {
    const pipeline = createPipeline({ policy: policy() });
    pipeline.push(started("r1", T0 + 5_000, 30));
    pipeline.idle();
    pipeline.push(started("r2", T0 + 1_000, 14));
    expect(pipeline.engine.counters().lateEvents).toBe(1);
    expect(pipeline.engine.counters().eventsApplied).toBe(2);
  });

  it("restores from its snapshot and continues as the original", () => {
    const spec = { policy: policy() };
    const original = createPipeline(spec);
    original.push(started("r1", T0, 14));
    const restored = restorePipeline(decodeSnapshot("7", encodeSnapshot(original, { partition: 7, offsets: {}, takenAtMs: 0 })), spec);
    expect(restored.idle()).toEqual(original.idle());
  });
});

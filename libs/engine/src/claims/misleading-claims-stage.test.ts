import { ProductTable } from "@redline/claims";
import { LiveEvent, ProductFacts, RiskCategory, Severity } from "@redline/proto";
import { RiskEngine } from "../engine";
import { RiskPipeline, type PipelineOutput } from "../pipeline";
import { T0 } from "../testing/event-builders";
import { MisleadingClaimsStage } from "./misleading-claims-stage";

const nest = ProductFacts.fromPartial({
  skuId: "sku-nest",
  validFromMs: T0 - 60_000,
  name: "燕窝饮品",
  composition: [{ name: "bird's nest", aliases: ["燕窝"], percent: 0.014 }, { name: "water", percent: 99.986 }],
  listings: [{ roomId: "r", linkNumber: 1 }],
});

function segment(id: string, timeMs: number, text: string, skuId = "sku-nest", roomId = "r"): LiveEvent {
  return LiveEvent.fromPartial({ eventId: id, roomId, eventTimeMs: timeMs, body: { $case: "transcript", value: { segmentId: id, speakerId: "s", startMs: timeMs - 2_000, endMs: timeMs, language: "zh", text, skuId } } });
}

function run(events: LiveEvent[], table = new ProductTable()): PipelineOutput[] {
  table.upsert(nest);
  const engine = new RiskEngine({ allowedLatenessMs: 0 }, { textScorer: { version: "none", classify: () => { throw new Error("no comment text in these tests"); } } });
  const pipeline = new RiskPipeline(engine, [new MisleadingClaimsStage(table, engine.modelVersion)]);
  return [...events.flatMap((e) => pipeline.push(e)), ...pipeline.end()];
}

const alerts = (outputs: PipelineOutput[]) => outputs.flatMap((o) => ("alert" in o ? [o.alert] : []));

describe("MisleadingClaimsStage", () => {
  it("raises a contradiction after the hold with the claim, the fact and the segment as evidence", () => {
    const out = alerts(run([segment("s1", T0, "这款燕窝含量高达百分之三十"), segment("s2", T0 + 20_000, "家人们点点关注")]));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ category: RiskCategory.RISK_CATEGORY_MISLEADING_CLAIMS, severity: Severity.SEVERITY_HIGH, evidenceEventIds: ["s1"], eventTimeMs: T0 + 15_000 });
    expect(out[0]!.explanation?.summary).toContain("bird's nest 0.014 %");
    expect(out[0]!.explanation?.summary).toContain("百分之三十");
  });

  it("raises nothing for a claim corrected a sentence later", () => {
    expect(alerts(run([segment("s1", T0, "燕窝含量30%"), segment("s2", T0 + 2_000, "不好意思说错了，是0.014%"), segment("s3", T0 + 30_000, "下单")]))).toEqual([]);
  });

  it("keeps a finding whose hold outlasts the input on hold at the end, as the service does when input goes quiet", () => {
    expect(alerts(run([segment("s1", T0, "燕窝含量30%")]))).toEqual([]);
  });

  it("checks a claim against the facts in force when it was said, not the latest", () => {
    const table = new ProductTable();
    table.upsert(ProductFacts.fromPartial({ ...nest, validFromMs: T0 + 10_000, composition: [{ name: "bird's nest", aliases: ["燕窝"], percent: 30 }, { name: "water", percent: 70 }] }));
    const out = alerts(run([segment("s1", T0, "燕窝含量30%"), segment("s2", T0 + 40_000, "燕窝含量30%"), segment("s3", T0 + 80_000, "关注")], table));
    expect(out.map((a) => a.evidenceEventIds[0])).toEqual(["s1"]);
  });

  it("rates an unverifiable superlative LOW", () => {
    const out = alerts(run([segment("s1", T0, "这是世界第一好喝的"), segment("s2", T0 + 20_000, "关注")]));
    expect(out.map((a) => a.severity)).toEqual([Severity.SEVERITY_LOW]);
  });

  it("snapshots what it holds, and a restored stage raises the same", () => {
    const table = new ProductTable();
    table.upsert(nest);
    const first = new MisleadingClaimsStage(table, "v");
    first.observe(segment("s1", T0, "燕窝含量30%"));
    const second = new MisleadingClaimsStage(table, "v");
    second.restore(first.snapshot());
    expect(second.idle(T0 + 15_000)).toEqual(first.idle(T0 + 15_000));
    expect(second.roomsHolding).toBe(0);
  });
});

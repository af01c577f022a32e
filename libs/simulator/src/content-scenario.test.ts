import { AgeBand, LiveEvent, TransactionKind } from "@redline/proto";
import { CONTENT_SCENARIOS, simulateContent } from "./content-scenario";

const sim = simulateContent({ seed: 5, scale: 0.5 });

describe("simulateContent", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    const again = simulateContent({ seed: 5, scale: 0.5 });
    expect(again.events.length).toBe(sim.events.length);
    expect(again.events.map((e) => JSON.stringify(LiveEvent.toJSON(e)))).toEqual(sim.events.map((e) => JSON.stringify(LiveEvent.toJSON(e))));
    expect(simulateContent({ seed: 6, scale: 0.5 }).events.length).not.toBe(sim.events.length);
  });

  it("covers every scenario, labels only the violating ones, and emits nothing outside a room's lifetime", () => {
    expect(new Set(sim.truth.map((t) => t.scenario))).toEqual(new Set(Object.keys(CONTENT_SCENARIOS)));
    const innocent = ["organic", "price_questions", "honest_negative_heavy", "honest_big_room_more_complaints", "spam_only_deletion", "platform_removals", "kids_products", "consented_minor", "adult_or_unknown_age", "adult_tipping_minors_watching", "service_chat"];
    for (const t of sim.truth) expect(t.labels.length === 0).toBe(innocent.includes(t.scenario));
    const lifetime = new Map(sim.truth.map((t) => [t.roomId, t]));
    for (const e of sim.events) {
      const t = lifetime.get(e.roomId)!;
      expect(e.eventTimeMs).toBeGreaterThanOrEqual(t.startMs);
      expect(e.eventTimeMs).toBeLessThanOrEqual(t.endMs);
    }
  });

  it("states streamer ages and consent as each scenario says, on the room-start event", () => {
    for (const t of sim.truth) {
      const start = sim.events.find((e) => e.roomId === t.roomId && e.body?.$case === "room" && e.eventTimeMs === t.startMs);
      const streamer = start?.body?.$case === "room" ? start.body.value.streamer : undefined;
      expect(streamer).toBeDefined();
      const age = streamer!.age;
      if (t.scenario === "underage_streamer") expect(age).toBeLessThan(16);
      if (t.scenario === "unconsented_minor") {
        expect([16, 17]).toContain(age);
        expect(streamer!.guardianConsent).not.toBe(true);
      }
      if (t.scenario === "consented_minor") expect(streamer!.guardianConsent).toBe(true);
      if (t.scenario === "adult_or_unknown_age" && age !== undefined) expect(age).toBeGreaterThanOrEqual(18);
    }
  });

  it("labels each minor tipper, and only minors tip in the labels", () => {
    const tippers = new Map<string, AgeBand>();
    for (const e of sim.events) if (e.body?.$case === "transaction" && e.body.value.kind === TransactionKind.TRANSACTION_KIND_TIP) tippers.set(e.body.value.buyer!.userId, e.body.value.buyer!.ageBand);
    const labelled = sim.truth.flatMap((t) => t.labels.filter((l) => l.subcategory === "MINOR_TIPPING").map((l) => l.subjectUserId));
    expect(labelled.length).toBeGreaterThan(0);
    for (const id of labelled) expect([AgeBand.AGE_BAND_MINOR_16_17, AgeBand.AGE_BAND_MINOR_UNDER_16]).toContain(tippers.get(id));
    const minorTippers = [...tippers].filter(([, band]) => band === AgeBand.AGE_BAND_MINOR_16_17 || band === AgeBand.AGE_BAND_MINOR_UNDER_16).map(([id]) => id);
    expect(new Set(minorTippers)).toEqual(new Set(labelled));
  });

  it("moderates only texts that exist in the same room", () => {
    const texts = new Set<string>();
    for (const e of sim.events) if (e.body?.$case === "comment") texts.add(`${e.roomId}/${e.body.value.commentId}`);
    for (const e of sim.events) if (e.body?.$case === "barrage") texts.add(`${e.roomId}/${e.body.value.barrageId}`);
    let moderations = 0;
    for (const e of sim.events) {
      if (e.body?.$case !== "moderation" || e.body.value.targetCommentId === "") continue;
      moderations++;
      expect(texts.has(`${e.roomId}/${e.body.value.targetCommentId}`)).toBe(true);
    }
    expect(moderations).toBeGreaterThan(50);
  });
});

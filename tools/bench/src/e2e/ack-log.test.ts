import { AckLog } from "./ack-log";

describe("AckLog", () => {
  it("finds the first acknowledged record at or after an event time, whatever order the acks came in", () => {
    const log = new AckLog();
    log.addFlat([2, 300, 320, 2, 100, 150, 2, 200, 260, 5, 100, 101]);
    expect(log.firstAckedAtOrAfter(2, 150)).toEqual({ eventTimeMs: 200, ackedAtMs: 260 });
    expect(log.firstAckedAtOrAfter(2, 100)).toEqual({ eventTimeMs: 100, ackedAtMs: 150 });
    expect(log.firstAckedAtOrAfter(2, 301)).toBeUndefined();
    expect(log.firstAckedAtOrAfter(7, 0)).toBeUndefined();
    // Records at 200 and 300 were acknowledged at 260 and 320, the one at 100 at 150: from 150 on, 260 is the earliest.
    expect(log.earliestAckAtOrAfter(2, 150)).toBe(260);
    log.add(2, 250, 240);
    expect(log.earliestAckAtOrAfter(2, 150)).toBe(240);
    expect(log.earliestAckAtOrAfter(2, 500)).toBeUndefined();
    log.add(2, 400, 410);
    expect(log.firstAckedAtOrAfter(2, 301)).toEqual({ eventTimeMs: 400, ackedAtMs: 410 });
  });
});

import { generatorFellBehind } from "./report";
import { summarize } from "./percentiles";

describe("generatorFellBehind", () => {
  it("flags a phase whose load generator delivered under 95 % of the rate or lagged past a second", () => {
    const lag = (ms: number) => summarize([ms]);
    expect(generatorFellBehind({ offeredPerSecond: 3137, achievedPerSecond: 3137, generatorLag: lag(40) })).toBe(false);
    expect(generatorFellBehind({ offeredPerSecond: 12547, achievedPerSecond: 6908, generatorLag: lag(40) })).toBe(true);
    expect(generatorFellBehind({ offeredPerSecond: 7842, achievedPerSecond: 7839, generatorLag: lag(1549) })).toBe(true);
  });
});

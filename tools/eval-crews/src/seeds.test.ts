import { checkSeedsDisjoint, CREW_DEVELOPMENT_SEEDS, CREW_REPORTING_SEEDS, FIRST_DEVELOPMENT_SEEDS } from "./seeds";

describe("crew eval seeds", () => {
  it("keeps every development seed out of the reporting seeds", () => {
    expect(() => checkSeedsDisjoint(CREW_DEVELOPMENT_SEEDS, CREW_REPORTING_SEEDS)).not.toThrow();
    expect(CREW_DEVELOPMENT_SEEDS.filter((s) => CREW_REPORTING_SEEDS.includes(s))).toEqual([]);
  });

  it("adds 204-209 to the generator's development seeds, each once", () => {
    expect(CREW_DEVELOPMENT_SEEDS.slice(0, FIRST_DEVELOPMENT_SEEDS.length)).toEqual([...FIRST_DEVELOPMENT_SEEDS]);
    expect(CREW_DEVELOPMENT_SEEDS).toEqual(expect.arrayContaining([204, 205, 206, 207, 208, 209]));
    expect(new Set(CREW_DEVELOPMENT_SEEDS).size).toBe(CREW_DEVELOPMENT_SEEDS.length);
  });

  it("names the seeds a development list shares with the reporting list", () => {
    expect(() => checkSeedsDisjoint([201, 9202], [9201, 9202])).toThrow(/9202/);
  });
});

import { createJsonLogger } from "./logger";

describe("createJsonLogger", () => {
  it("logs a bigint field (a Kafka offset) as its decimal string instead of throwing", () => {
    const lines: string[] = [];
    const logger = createJsonLogger({ write: (line) => lines.push(line), now: () => 0 });
    logger.info("seeking", { offset: 9_007_199_254_740_993n });
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: "seeking", offset: "9007199254740993" });
  });
});

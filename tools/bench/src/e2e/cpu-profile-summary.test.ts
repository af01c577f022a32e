import { hottestFunctions, selfTimeByPackage, type CpuProfile } from "./cpu-profile-summary";

const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: { functionName: "(root)", url: "", lineNumber: -1 } },
    { id: 2, callFrame: { functionName: "decode", url: "file:///w/node_modules/@redline/proto/dist/events.js", lineNumber: 9 } },
    { id: 3, callFrame: { functionName: "encode", url: "file:///w/node_modules/kafkajs/src/protocol/encoder.js", lineNumber: 0 } },
    { id: 4, callFrame: { functionName: "decode", url: "file:///w/node_modules/@redline/proto/dist/events.js", lineNumber: 9 } },
    { id: 5, callFrame: { functionName: "(garbage collector)", url: "", lineNumber: -1 } },
  ],
  samples: [2, 2, 3, 4, 5, 2, 3, 3],
};

describe("CPU profile summary", () => {
  it("sums self samples per function across nodes, largest first", () => {
    const hot = hottestFunctions(profile, 2);
    expect(hot).toEqual([
      { name: "decode", where: "@redline/proto/dist/events.js:10", selfShare: 0.5 },
      { name: "encode", where: "kafkajs/src/protocol/encoder.js:1", selfShare: 0.375 },
    ]);
  });

  it("groups self time by package", () => {
    expect(selfTimeByPackage(profile)).toEqual([
      { pkg: "@redline/proto", selfShare: 0.5 },
      { pkg: "kafkajs", selfShare: 0.375 },
      { pkg: "(garbage collector)", selfShare: 0.125 },
    ]);
  });
});

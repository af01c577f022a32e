import { decodeCursor, encodeCursor } from "./cursor";
import { InvalidCursorError } from "./errors";

describe("feed cursor codec", () => {
  it("round-trips positions of every partition", () => {
    const positions = new Map([
      [0, 17n],
      [3, 0n],
      [11, 9_007_199_254_740_991n],
    ]);
    const cursor = encodeCursor(positions);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(positions);
  });

  it("writes and reads the layout cursors have always had, offsets as JSON numbers", () => {
    const issued = Buffer.from('{"v":1,"p":{"0":17,"3":0}}', "utf8").toString("base64url");
    expect(decodeCursor(issued)).toEqual(new Map([[0, 17n], [3, 0n]]));
    expect(encodeCursor(new Map([[3, 0n], [0, 17n]]))).toBe(issued);
  });

  it("treats an empty cursor as the live end", () => {
    expect(decodeCursor("")).toBeUndefined();
  });

  const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64url");
  it.each([
    ["not base64url", "abc$%^"],
    ["not JSON", b64("hello")],
    ["a JSON array", b64("[1,2]")],
    ["another version", b64('{"v":2,"p":{"0":1}}')],
    ["no positions", b64('{"v":1}')],
    ["empty positions", b64('{"v":1,"p":{}}')],
    ["a negative offset", b64('{"v":1,"p":{"0":-1}}')],
    ["a fractional offset", b64('{"v":1,"p":{"0":1.5}}')],
    ["a string offset", b64('{"v":1,"p":{"0":"12"}}')],
    ["a non-numeric partition", b64('{"v":1,"p":{"x":1}}')],
    ["a padded partition", b64('{"v":1,"p":{"01":1}}')],
    ["an oversized cursor", "A".repeat(10_000)],
  ])("rejects %s", (_what, garbage) => {
    expect(() => decodeCursor(garbage)).toThrow(InvalidCursorError);
  });
});

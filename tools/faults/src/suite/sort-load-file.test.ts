import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sortByEventTime } from "./load";
import { sortFileByEventTime } from "./sort-load-file";

const line = (id: string, t: number | string, text = ""): string => JSON.stringify({ eventId: id, eventTimeMs: t, comment: { text } });

describe("sortFileByEventTime", () => {
  it("orders a file as sortByEventTime orders its lines, across chunk boundaries and multi-byte text", () => {
    const dir = mkdtempSync(join(tmpdir(), "faults-sort-"));
    const lines = [line("b", 20, "差评 ✓"), line("c", "10"), "", line("a", 20, "x".repeat(70)), line("d", 5, "好评"), line("e", 7)];
    // No newline at the end: the last line still counts.
    writeFileSync(join(dir, "in.jsonl"), lines.join("\n"));
    for (const chunkBytes of [16, 64, 1 << 20]) {
      const out = join(dir, `out-${chunkBytes}.jsonl`);
      expect(sortFileByEventTime(join(dir, "in.jsonl"), out, chunkBytes)).toBe(5);
      expect(readFileSync(out, "utf8")).toBe(sortByEventTime(lines).join("\n") + "\n");
    }
  });
});

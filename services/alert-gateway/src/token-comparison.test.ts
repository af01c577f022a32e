import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";

/**
 * A lint-style check (issue 17, docs/security.md): bearer tokens are compared
 * only through libs/grpc's tokensEqual (crypto.timingSafeEqual), never with
 * `===`, `==`, string methods or a Map lookup keyed by the token, in every
 * package that handles tokens. Checked in the code, not by timing.
 */
const ROOT = resolve(__dirname, "..", "..", "..");
const TOKEN_HANDLING_SOURCES = ["libs/grpc/src", "services/alert-gateway/src", "services/action-dispatcher/src", "services/inspector-console/src"];

const SECRET_NAME = /(token|bearer|secret)/i;
/** Comparing with these is about presence or type, not about the secret's value. */
const HARMLESS_OPERAND = /^(undefined|null|"[a-z]+"|'[a-z]+'|\d+)$/;

/** The lines of `source` that compare a token-like value by equality, a string method or a keyed lookup. */
function tokenComparisons(source: string): string[] {
  const found: string[] = [];
  for (const raw of source.split("\n")) {
    const line = raw.replace(/\/\/.*$/, "").trim();
    if (line.startsWith("*") || line.startsWith("/*")) continue;
    for (const m of line.matchAll(/(typeof\s+)?([\w.?!\[\]()"']+)\s*(?:===|!==|==|!=)\s*([\w.?!\[\]()"']+)/g)) {
      const [, typeOf, left, right] = m as unknown as [string, string | undefined, string, string];
      if (typeOf !== undefined) continue;
      const secret = [left, right].find((side) => SECRET_NAME.test(side) && !/\.(size|length)$/.test(side));
      const other = (secret === left ? right : left).replace(/[()]+$/, "");
      if (secret !== undefined && !HARMLESS_OPERAND.test(other)) found.push(line);
    }
    if (/\.(get|has)\(\s*[\w.]*(token|bearer|secret)/i.test(line) || /(tokens?|secrets?)\.(get|has)\(/i.test(line)) found.push(line);
    if (/(token|bearer|secret)\w*\s*\.\s*(localeCompare|startsWith|endsWith|includes)\(/i.test(line)) found.push(line);
  }
  return [...new Set(found)];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [path] : [];
  });
}

describe("token comparison (lint)", () => {
  it("flags the comparisons it exists to forbid, and not presence or type checks", () => {
    expect(tokenComparisons("if (presented === knownToken) return p;")).toHaveLength(1);
    expect(tokenComparisons("const ok = token == expected;")).toHaveLength(1);
    expect(tokenComparisons("return bearer !== config.secret;")).toHaveLength(1);
    expect(tokenComparisons("const p = tokens.get(m[1]);")).toHaveLength(1);
    expect(tokenComparisons("const p = principals.get(token);")).toHaveLength(1);
    expect(tokenComparisons("if (token.startsWith(prefix)) {")).toHaveLength(1);
    expect(tokenComparisons('const t = typeof body.token === "string" ? body.token : "";')).toEqual([]);
    expect(tokenComparisons("deps.tokens.size === 0 ? undefined : x")).toEqual([]);
    expect(tokenComparisons("tokens === undefined ? a : b")).toEqual([]);
    expect(tokenComparisons("// a comment about token === other")).toEqual([]);
  });

  it.each(TOKEN_HANDLING_SOURCES)("finds none in %s", (dir) => {
    const offending = sourceFiles(join(ROOT, dir)).flatMap((file) =>
      tokenComparisons(readFileSync(file, "utf8")).map((line) => `${relative(ROOT, file)}: ${line}`),
    );
    expect(offending).toEqual([]);
  });

  it("reads real files: the token table is among them", () => {
    expect(sourceFiles(join(ROOT, "libs/grpc/src")).map((f) => relative(ROOT, f))).toContain("libs/grpc/src/token-table.ts");
  });
});

import { escapeString, ident, sql, sqlLiteral } from "./escape";
import { SqlValueError } from "./errors";

describe("escapeString", () => {
  it("quotes and escapes quotes and backslashes", () => {
    expect(escapeString("it's")).toBe("'it\\'s'");
    expect(escapeString("a\\b")).toBe("'a\\\\b'");
    expect(escapeString("\\'")).toBe("'\\\\\\''");
  });

  it("never leaves a raw control character in the literal", () => {
    const hostile = "x\n\r\t\0\x01\x1b\x7f;";
    const lit = escapeString(hostile);
    expect(lit).not.toMatch(/[\x00-\x1f\x7f]/);
    expect(lit).toBe("'x\\n\\r\\t\\0\\x01\\x1b\\x7f;'");
  });

  it("cannot be closed early by any quote trick", () => {
    for (const s of ["'", "\\'", "'; DROP TABLE t; --", "\\", "a'b\\'c\\\\'"]) {
      const body = escapeString(s).slice(1, -1);
      // Walk the literal as ClickHouse would: an unescaped quote would end it.
      for (let i = 0; i < body.length; i++) {
        if (body[i] === "\\") i++;
        else expect(body[i]).not.toBe("'");
      }
    }
  });

  it("keeps non-ASCII text as is", () => {
    expect(escapeString("直播间 🎁")).toBe("'直播间 🎁'");
  });
});

describe("sqlLiteral and sql", () => {
  it("writes each supported type", () => {
    expect(sqlLiteral(null)).toBe("NULL");
    expect(sqlLiteral(42)).toBe("42");
    expect(sqlLiteral(12345678901234567890n)).toBe("12345678901234567890");
    expect(sqlLiteral(true)).toBe("1");
    expect(sqlLiteral(["a", 1])).toBe("['a', 1]");
    expect(sqlLiteral(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe("toDateTime('2026-01-02 03:04:05', 'UTC')");
  });

  it("refuses values that have no literal", () => {
    expect(() => sqlLiteral(Number.NaN)).toThrow(SqlValueError);
    expect(() => sqlLiteral(Number.POSITIVE_INFINITY)).toThrow(SqlValueError);
    expect(() => sqlLiteral(new Date("nope"))).toThrow(SqlValueError);
  });

  it("routes every interpolation through the escaper", () => {
    const id = "x' OR 1=1 --";
    expect(sql`SELECT * FROM ${ident("alerts")} WHERE id = ${id}`.text).toBe(
      "SELECT * FROM `alerts` WHERE id = 'x\\' OR 1=1 --'",
    );
  });

  it("accepts only plain identifiers", () => {
    expect(ident("risk_alerts").text).toBe("`risk_alerts`");
    for (const bad of ["a`b", "a b", "1abc", "", "t; DROP", "x".repeat(200)]) {
      expect(() => ident(bad)).toThrow(SqlValueError);
    }
  });
});

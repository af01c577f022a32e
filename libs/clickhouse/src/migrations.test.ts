import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MigrationError } from "./errors";
import { loadMigrations, splitStatements } from "./migrations";

describe("migrations files", () => {
  it("splits statements at line-ending semicolons and drops comment lines", () => {
    const text = "-- why this table\nCREATE TABLE a (x String DEFAULT ';') ENGINE = Memory;\n\nCREATE TABLE b (y UInt8) ENGINE = Memory;\n";
    expect(splitStatements(text)).toEqual([
      "CREATE TABLE a (x String DEFAULT ';') ENGINE = Memory",
      "CREATE TABLE b (y UInt8) ENGINE = Memory",
    ]);
  });

  it("loads files in version order and refuses bad names and duplicate versions", () => {
    const dir = mkdtempSync(join(tmpdir(), "mig-"));
    writeFileSync(join(dir, "002_second.sql"), "SELECT 2;\n");
    writeFileSync(join(dir, "001_first.sql"), "SELECT 1;\n");
    expect(loadMigrations(dir).map((m) => [m.version, m.name])).toEqual([
      [1, "first"],
      [2, "second"],
    ]);
    writeFileSync(join(dir, "002_again.sql"), "SELECT 3;\n");
    expect(() => loadMigrations(dir)).toThrow(MigrationError);
    const bad = mkdtempSync(join(tmpdir(), "mig-"));
    writeFileSync(join(bad, "init.sql"), "SELECT 1;\n");
    expect(() => loadMigrations(bad)).toThrow(/001_name\.sql/);
  });
});

import { ClickHouseError, sql } from "@redline/clickhouse";
import { randomId, testClickHouse, waitFor } from "@redline/test-helpers";

const db = testClickHouse(null);

describe("ClickHouseClient.queryStream on the real server", () => {
  it("yields every row of a result many HTTP chunks long, in order", async () => {
    let count = 0;
    let sum = 0;
    let inOrder = true;
    for await (const row of db.queryStream<{ n: string; label: string }>(sql`SELECT number AS n, concat('行', toString(number)) AS label FROM system.numbers LIMIT 100000`)) {
      inOrder &&= Number(row.n) === count && row.label === `行${count}`;
      sum += Number(row.n);
      count++;
    }
    expect(count).toBe(100_000);
    expect(inOrder).toBe(true);
    expect(sum).toBe((100_000 * 99_999) / 2);
  });

  it("fails with ClickHouseError on a bad query and on an error raised after rows were sent", async () => {
    let rows = 0;
    const drain = async (q: ReturnType<typeof sql>) => {
      for await (const _ of db.queryStream(q)) rows++;
    };
    await expect(drain(sql`SELECT no_such_column FROM system.one`)).rejects.toThrow(ClickHouseError);
    // The server has already answered 200 and sent rows when it fails: its error text ends the body.
    await expect(drain(sql`SELECT throwIf(number = 200000) AS x FROM system.numbers LIMIT 300000`)).rejects.toThrow(/ClickHouse stream broke: Code: 395/);
    expect(rows).toBeGreaterThan(0);
  });

  it("cancels the query when the reader stops early", async () => {
    const marker = randomId("stream_cancel");
    for await (const _ of db.queryStream(sql`SELECT number, ${marker} AS marker FROM system.numbers LIMIT 1000000000`)) {
      void _;
      break;
    }
    await waitFor(
      async () => {
        const running = await db.query<{ n: string }>(sql`SELECT count() AS n FROM system.processes WHERE position(query, ${marker}) > 0 AND position(query, 'system.processes') = 0`);
        return Number(running[0]!.n) === 0;
      },
      { what: "the abandoned query to end on the server" },
    );
  });
});

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ClickHouseClient } from "./client";
import { ClickHouseError } from "./errors";
import { sql } from "./escape";

/**
 * A local HTTP endpoint standing in for the server's side of one race: it closes the connection of the
 * first `dropFirst` requests without answering, as ClickHouse does to a keep-alive connection it has
 * timed out, and answers the rest like ClickHouse's JSON format.
 */
async function endpoint(dropFirst: number): Promise<{ url: string; requests: () => number; server: Server }> {
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    req.resume();
    if (requests <= dropFirst) {
      req.socket.destroy();
      return;
    }
    req.on("end", () => res.end(JSON.stringify({ data: [{ n: "1" }] })));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests, server };
}

describe("ClickHouseClient on a connection the server closed", () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve));
  });

  it("sends the request once more and gets its answer", async () => {
    const e = await endpoint(1);
    servers.push(e.server);
    const client = new ClickHouseClient({ url: e.url, database: null });
    expect(await client.query<{ n: string }>(sql`SELECT 1 AS n`)).toEqual([{ n: "1" }]);
    expect(e.requests()).toBe(2);
  });

  it("sends it only once more: a server that keeps closing is unreachable, and says so", async () => {
    const e = await endpoint(10);
    servers.push(e.server);
    const client = new ClickHouseClient({ url: e.url, database: null });
    await expect(client.query(sql`SELECT 1 AS n`)).rejects.toThrow(ClickHouseError);
    expect(e.requests()).toBe(2);
  });
});

import { credentials, Metadata, type ClientReadableStream } from "@grpc/grpc-js";
import { AlertStreamClient, type TailResponse } from "@redline/proto";
import type { Scenario } from "./run-scenario";

interface TailClient {
  stream: ClientReadableStream<TailResponse>;
  received: Set<string>;
  /** gRPC status code the stream ended with; undefined while it runs. */
  ended: number | undefined;
}

function openTail(client: AlertStreamClient, token: string, read: boolean): TailClient {
  const metadata = new Metadata();
  metadata.set("authorization", `Bearer ${token}`);
  const stream = client.tail({ rooms: [], categories: [], minSeverity: 0, cursor: "" }, metadata);
  const tail: TailClient = { stream, received: new Set(), ended: undefined };
  stream.on("data", (r: TailResponse) => tail.received.add(r.alert?.alertId ?? ""));
  stream.on("error", (e: { code?: number }) => (tail.ended = e.code ?? -1));
  stream.on("end", () => (tail.ended ??= 0));
  // A client that stops reading: grpc-js stops taking messages off the wire, so HTTP/2 flow control pushes back on the gateway.
  if (!read) stream.pause();
  return tail;
}

/**
 * 50 inspectors tail every alert from the live end, each with its own token;
 * 10 stop reading at once. The 40 that read must see every alert published
 * while they were connected (from the alerts topic, with a margin at each
 * end), whatever the 10 do to the gateway.
 */
export function gatewayTails(seconds: number, clients = 50, stalled = 10): Scenario {
  return {
    name: "gateway-tails",
    fault: `${clients} tailing clients on the gateway, ${stalled} of which stop reading, for ${seconds} s`,
    faultSeconds: seconds,
    async inject(ctx) {
      const client = new AlertStreamClient(`127.0.0.1:${ctx.gatewayPort}`, credentials.createInsecure());
      const tails = ctx.tokens.slice(0, clients).map((token, i) => openTail(client, token, i >= stalled));
      const openedAt = Date.now();
      await ctx.sleep(seconds * 1000);
      const closedAt = Date.now();
      const readers = tails.slice(stalled);
      const readersEnded = readers.filter((t) => t.ended !== undefined).length;
      for (const t of tails) t.stream.cancel();
      client.close();
      // Alerts the readers must have seen: published from 3 s after the tails opened until 3 s before they closed.
      const due = (await ctx.alertsPublished()).filter((a) => a.publishedAtMs >= openedAt + 3000 && a.publishedAtMs <= closedAt - 3000).map((a) => a.alertId);
      const missed = readers.reduce((n, t) => n + due.filter((id) => !t.received.has(id)).length, 0);
      if (missed > 0) ctx.fail(`${missed} alert deliveries missed by the reading tails`);
      if (readersEnded > 0) ctx.fail(`${readersEnded} reading tails ended by the gateway`);
      const stalledEnded = tails.slice(0, stalled).filter((t) => t.ended !== undefined);
      return [
        `${readers.length} reading tails each saw all ${due.length} alerts due (${missed} missed)`,
        `${stalledEnded.length} of ${stalled} stalled tails ended by the gateway${stalledEnded.length > 0 ? ` (status ${[...new Set(stalledEnded.map((t) => t.ended))].join(", ")})` : ""}`,
      ];
    },
  };
}

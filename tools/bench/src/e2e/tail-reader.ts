/**
 * An inspector's view of the latency (issue 15): a `Tail` on the alert
 * gateway, as `redline tail` opens it, timing each alert when it arrives
 * on the stream rather than when it lands on the alerts topic. The gateway
 * reads the topic from its latest offsets when it starts, so the reader is
 * opened before any load and re-opened (from its cursor) if the stream ends.
 */
import { credentials, Metadata, type ClientReadableStream } from "@grpc/grpc-js";
import { AlertStreamClient, TailRequest, type TailResponse } from "@redline/proto";
import { BenchPhaseError } from "./errors";
import type { AlertSeen } from "./latency-samples";

/** Re-opening a stream that ended waits this long, so a gateway that is still starting is not hammered. */
const REOPEN_DELAY_MS = 200;

export class TailReader {
  /** Alerts by id, each at the first time the stream delivered it. */
  readonly seen = new Map<string, AlertSeen>();
  private readonly client: AlertStreamClient;
  private readonly metadata = new Metadata();
  private call: ClientReadableStream<TailResponse> | undefined;
  private cursor = "";
  private stopped = false;
  /** Streams that ended with an error other than the bench's own cancel (reported, never thrown mid-phase). */
  errors = 0;

  constructor(address: string, token: string) {
    // Plain text on loopback, as the bench's other services: TLS would add its cost to every alert.
    this.client = new AlertStreamClient(address, credentials.createInsecure());
    this.metadata.set("authorization", `Bearer ${token}`);
  }

  /** Resolves once the gateway accepts connections; the stream is then open. */
  async start(timeoutMs: number): Promise<void> {
    await new Promise<void>((resolve, reject) =>
      this.client.waitForReady(Date.now() + timeoutMs, (err) => (err ? reject(new BenchPhaseError("latency", `the alert gateway was not ready within ${timeoutMs} ms`, {}, err)) : resolve())),
    );
    this.open();
  }

  private open(): void {
    if (this.stopped) return;
    const call = this.client.tail(TailRequest.fromPartial({ cursor: this.cursor }), this.metadata);
    this.call = call;
    call.on("data", (response: TailResponse) => {
      const seenAtMs = Date.now();
      this.cursor = response.cursor;
      const a = response.alert;
      if (a === undefined || this.seen.has(a.alertId)) return;
      this.seen.set(a.alertId, { alertId: a.alertId, roomId: a.roomId, subcategory: a.subcategory, eventTimeMs: Number(a.eventTimeMs), seenAtMs });
    });
    call.on("error", () => {
      if (!this.stopped) this.errors++;
    });
    call.on("close", () => {
      if (!this.stopped) setTimeout(() => this.open(), REOPEN_DELAY_MS);
    });
  }

  stop(): void {
    this.stopped = true;
    this.call?.cancel();
    this.client.close();
  }
}

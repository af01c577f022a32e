import { Metadata } from "@grpc/grpc-js";
import type { ControlPlanePort } from "@redline/dispatch";
import { channelCredentials, GrpcCallError, type TlsConfig } from "@redline/grpc";
import { ControlPlaneClient, type ApplyAck, type ControlAction } from "@redline/proto";

/** `ControlPlane.Apply` over gRPC; failures become `GrpcCallError`s that know if they are retriable. */
export class GrpcControlPlane implements ControlPlanePort {
  private readonly client: ControlPlaneClient;

  constructor(address: string, tls: TlsConfig & { enabled: boolean }) {
    this.client = new ControlPlaneClient(address, channelCredentials(tls), {
      // Reconnect quickly after a platform restart instead of waiting out a long backoff.
      "grpc.initial_reconnect_backoff_ms": 200,
      "grpc.max_reconnect_backoff_ms": 2000,
    });
  }

  apply(action: ControlAction, deadlineMs: number): Promise<ApplyAck> {
    return new Promise((resolve, reject) => {
      const metadata = new Metadata();
      metadata.set("idempotency-key", action.actionId);
      this.client.apply(action, metadata, { deadline: Date.now() + deadlineMs }, (err, ack) => {
        if (err) reject(GrpcCallError.from("ControlPlane.Apply", err));
        else resolve(ack);
      });
    });
  }

  close(): void {
    this.client.close();
  }
}

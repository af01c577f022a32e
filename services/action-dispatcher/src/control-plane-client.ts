import { Metadata } from "@grpc/grpc-js";
import type { ControlPlanePort } from "@redline/dispatch";
import { channelCredentials, GrpcCallError, type TlsConfig } from "@redline/grpc";
import { ControlPlaneClient, type ApplyAck, type ControlAction } from "@redline/proto";
import { injectGrpcMetadata, traceGrpcClientCall, type RedlineMetrics } from "@redline/telemetry";

/** `ControlPlane.Apply` over gRPC; failures become `GrpcCallError`s that know if they are retriable. */
export class GrpcControlPlane implements ControlPlanePort {
  private readonly client: ControlPlaneClient;

  constructor(
    address: string,
    tls: TlsConfig & { enabled: boolean },
    private readonly metrics?: RedlineMetrics,
  ) {
    this.client = new ControlPlaneClient(address, channelCredentials(tls), {
      // Reconnect quickly after a platform restart instead of waiting out a long backoff.
      "grpc.initial_reconnect_backoff_ms": 200,
      "grpc.max_reconnect_backoff_ms": 2000,
    });
  }

  /** One Apply call in a `ControlPlane/Apply` client span whose context rides in the call's metadata. */
  apply(action: ControlAction, deadlineMs: number): Promise<ApplyAck> {
    return traceGrpcClientCall(
      "ControlPlane",
      "Apply",
      () =>
        new Promise<ApplyAck>((resolve, reject) => {
          const metadata = injectGrpcMetadata(new Metadata());
          metadata.set("idempotency-key", action.actionId);
          this.client.apply(action, metadata, { deadline: Date.now() + deadlineMs }, (err, ack) => {
            if (err) reject(GrpcCallError.from("ControlPlane.Apply", err));
            else resolve(ack);
          });
        }),
      this.metrics ? { metrics: this.metrics } : {},
    );
  }

  close(): void {
    this.client.close();
  }
}

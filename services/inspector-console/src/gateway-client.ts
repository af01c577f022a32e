import { Metadata, status as GrpcStatus, type ClientReadableStream } from "@grpc/grpc-js";
import { channelCredentials, GrpcCallError, type TlsConfig } from "@redline/grpc";
import {
  AlertStreamClient,
  type Feedback,
  type GetEvidenceResponse,
  type ReviewResponse,
  type TailRequest,
  type TailResponse,
  type Verdict,
} from "@redline/proto";

export interface TailHandlers {
  onAlert(response: TailResponse): void;
  /** The stream ended: `err` undefined when the gateway closed it, a GrpcCallError otherwise. */
  onEnd(err: GrpcCallError | undefined): void;
}

/** A running Tail; `cancel` ends it without calling onEnd. */
export interface TailHandle {
  cancel(): void;
}

/** Where call times go: `RedlineMetrics` from @redline/telemetry fits (`redline_grpc_client_latency_ms`). */
export interface GatewayCallMetrics {
  grpcClientCall(method: string, code: string, ms: number): void;
}

/** Deadline of one Review or GetEvidence call. */
const UNARY_DEADLINE_MS = 10_000;

function bearer(token: string): Metadata {
  const metadata = new Metadata();
  metadata.set("authorization", `Bearer ${token}`);
  return metadata;
}

function deadline(): Date {
  return new Date(Date.now() + UNARY_DEADLINE_MS);
}

/**
 * The console's one door to the alert-gateway. Every call carries the signed-in
 * person's own token, so the gateway authenticates and authorises each of them
 * itself: the console holds no power of its own.
 */
export class GatewayClient {
  private readonly client: AlertStreamClient;

  constructor(
    address: string,
    tls: TlsConfig & { enabled: boolean },
    private readonly metrics?: GatewayCallMetrics,
  ) {
    this.client = new AlertStreamClient(address, channelCredentials(tls));
  }

  /** Settles a unary call's promise and records its time and status code. */
  private settle<T>(method: string, startMs: number, resolve: (v: T) => void, reject: (e: unknown) => void) {
    return (err: unknown, value: T | undefined): void => {
      const error = err ? GrpcCallError.from(`AlertStream/${method}`, err) : undefined;
      this.metrics?.grpcClientCall(`AlertStream/${method}`, GrpcStatus[error?.code ?? GrpcStatus.OK] ?? "UNKNOWN", Date.now() - startMs);
      if (error) reject(error);
      else resolve(value!);
    };
  }

  tail(token: string, request: TailRequest, handlers: TailHandlers): TailHandle {
    const call: ClientReadableStream<TailResponse> = this.client.tail(request, bearer(token));
    let cancelled = false;
    call.on("data", (response: TailResponse) => handlers.onAlert(response));
    call.on("error", (err: unknown) => {
      if (!cancelled) handlers.onEnd(GrpcCallError.from("AlertStream/Tail", err));
    });
    call.on("end", () => {
      if (!cancelled) handlers.onEnd(undefined);
    });
    return {
      cancel() {
        cancelled = true;
        call.cancel();
      },
    };
  }

  async review(token: string, alertId: string, verdict: Verdict, note: string): Promise<Feedback> {
    const response = await new Promise<ReviewResponse>((resolve, reject) => {
      this.client.review({ alertId, verdict, note }, bearer(token), { deadline: deadline() }, this.settle("Review", Date.now(), resolve, reject));
    });
    return response.feedback!;
  }

  getEvidence(token: string, alertId: string): Promise<GetEvidenceResponse> {
    return new Promise((resolve, reject) => {
      this.client.getEvidence({ alertId }, bearer(token), { deadline: deadline() }, this.settle("GetEvidence", Date.now(), resolve, reject));
    });
  }

  close(): void {
    this.client.close();
  }
}

import { Metadata, type ClientReadableStream } from "@grpc/grpc-js";
import { channelCredentials, GrpcCallError, type TlsConfig } from "@redline/grpc";
import {
  AlertStreamClient,
  type Feedback,
  type GetEvidenceResponse,
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

  constructor(address: string, tls: TlsConfig & { enabled: boolean }) {
    this.client = new AlertStreamClient(address, channelCredentials(tls));
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

  review(token: string, alertId: string, verdict: Verdict, note: string): Promise<Feedback> {
    return new Promise((resolve, reject) => {
      this.client.review({ alertId, verdict, note }, bearer(token), { deadline: deadline() }, (err, res) =>
        err ? reject(GrpcCallError.from("AlertStream/Review", err)) : resolve(res.feedback!),
      );
    });
  }

  getEvidence(token: string, alertId: string): Promise<GetEvidenceResponse> {
    return new Promise((resolve, reject) => {
      this.client.getEvidence({ alertId }, bearer(token), { deadline: deadline() }, (err, res) =>
        err ? reject(GrpcCallError.from("AlertStream/GetEvidence", err)) : resolve(res),
      );
    });
  }

  close(): void {
    this.client.close();
  }
}

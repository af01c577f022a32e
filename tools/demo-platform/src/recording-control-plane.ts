import { Server, status as GrpcStatus, type sendUnaryData, type ServerUnaryCall } from "@grpc/grpc-js";
import { addHealthService, bindServer, serverCredentials, shutdownServer, type TlsConfig } from "@redline/grpc";
import { ApplyStatus, ControlAction, ControlPlaneService, type ApplyAck } from "@redline/proto";
import { timeUnaryHandlers, type RedlineMetrics } from "@redline/telemetry";

/** One Apply call as it arrived, before any dedupe. */
export interface RecordedCall {
  action: ControlAction;
  /** The exact bytes of the request, to compare repeats of one actionId. */
  bytes: Buffer;
  status: ApplyStatus | "ERROR";
  receivedAtMs: number;
}

export interface RecordingControlPlaneOptions {
  /** Called for every answered or failed Apply, repeats included (the demo prints each with its id). */
  onCall?: (call: RecordedCall) => void;
  tls?: TlsConfig;
  /** Server spans and latency for Apply, continuing the dispatcher's trace. */
  metrics?: RedlineMetrics;
}

/**
 * A platform's ControlPlane for demos and tests: it applies each actionId
 * once (later calls answer DUPLICATE), records every raw call, and can be
 * told to fail or reject, or be stopped and restarted on the same port.
 */
export class RecordingControlPlane {
  readonly calls: RecordedCall[] = [];
  /** Action ids in the order they were first applied. */
  readonly appliedOrder: string[] = [];
  private readonly applied = new Map<string, ControlAction>();
  private server: Server | undefined;
  private failNext = 0;
  private delayMs = 0;
  private failCode = GrpcStatus.UNAVAILABLE;
  private readonly rejectIds = new Set<string>();
  port = 0;

  constructor(private readonly opts: RecordingControlPlaneOptions = {}) {}

  async start(address = "127.0.0.1:0"): Promise<number> {
    const server = new Server();
    const impl = { apply: (call: ServerUnaryCall<ControlAction, ApplyAck>, cb: sendUnaryData<ApplyAck>) => this.apply(call, cb) };
    server.addService(ControlPlaneService, this.opts.metrics ? timeUnaryHandlers("ControlPlane", impl, this.opts.metrics) : impl);
    addHealthService(server, ["redline.v1.ControlPlane"]);
    this.port = await bindServer(server, address, serverCredentials(this.opts.tls ?? { certFile: undefined, keyFile: undefined, caFile: undefined }));
    this.server = server;
    return this.port;
  }

  /** Stops answering (the port closes); `start` again with the same port to come back. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await shutdownServer(server, 1000);
  }

  async restart(): Promise<void> {
    await this.start(`127.0.0.1:${this.port}`);
  }

  /** The next `count` calls fail with `code` (default UNAVAILABLE). */
  failNextCalls(count: number, code: GrpcStatus = GrpcStatus.UNAVAILABLE): void {
    this.failNext = count;
    this.failCode = code;
  }

  /** Every Apply from now on answers after `ms` (0: at once), a slow platform for the fault suite. */
  delayCalls(ms: number): void {
    this.delayMs = ms;
  }

  rejectActionId(actionId: string): void {
    this.rejectIds.add(actionId);
  }

  appliedAction(actionId: string): ControlAction | undefined {
    return this.applied.get(actionId);
  }

  private apply(call: ServerUnaryCall<ControlAction, ApplyAck>, cb: sendUnaryData<ApplyAck>): void {
    if (this.delayMs > 0) {
      setTimeout(() => this.answer(call, cb), this.delayMs);
      return;
    }
    this.answer(call, cb);
  }

  private answer(call: ServerUnaryCall<ControlAction, ApplyAck>, cb: sendUnaryData<ApplyAck>): void {
    const action = call.request;
    const record: RecordedCall = {
      action,
      bytes: Buffer.from(ControlAction.encode(action).finish()),
      status: "ERROR",
      receivedAtMs: Date.now(),
    };
    this.calls.push(record);
    if (this.failNext > 0) {
      this.failNext--;
      this.opts.onCall?.(record);
      cb(Object.assign(new Error("injected failure"), { code: this.failCode, details: "injected failure" }));
      return;
    }
    if (this.rejectIds.has(action.actionId)) {
      record.status = ApplyStatus.APPLY_STATUS_REJECTED;
      this.opts.onCall?.(record);
      cb(null, { actionId: action.actionId, status: ApplyStatus.APPLY_STATUS_REJECTED, message: "room already closed" });
      return;
    }
    const duplicate = this.applied.has(action.actionId);
    record.status = duplicate ? ApplyStatus.APPLY_STATUS_DUPLICATE : ApplyStatus.APPLY_STATUS_APPLIED;
    if (!duplicate) {
      this.applied.set(action.actionId, action);
      this.appliedOrder.push(action.actionId);
    }
    this.opts.onCall?.(record);
    cb(null, { actionId: action.actionId, status: record.status, message: "" });
  }
}

import { Metadata, status as GrpcStatus, type ServerWritableStream } from "@grpc/grpc-js";
import { CatchUpLimitError, SlowClientError, type FeedSubscription } from "@redline/alert-feed";
import type { Logger } from "@redline/common";
import { TailResponse, type TailRequest } from "@redline/proto";

/**
 * Writes one subscription to one Tail call, honouring backpressure: when
 * `write` returns false nothing more is written until `drain`, so unsent
 * alerts wait in the subscription's bounded queue (where the slow-client
 * policy sees them) instead of in gRPC's buffers. Ends the call with
 * RESOURCE_EXHAUSTED if the subscription fails, and closes the subscription
 * when the client cancels. `onEnd` runs once when the session ends either way.
 */
export function runTailSession(
  call: ServerWritableStream<TailRequest, TailResponse>,
  sub: FeedSubscription,
  logger: Logger,
  onEnd: () => void = () => undefined,
): void {
  let waitingForDrain = false;
  let flushing = false;
  let ended = false;

  const finish = (err: Error | undefined): void => {
    if (ended) return;
    ended = true;
    call.removeListener("drain", onDrain);
    sub.close();
    onEnd();
    if (err === undefined) return;
    const exhausted = err instanceof SlowClientError || err instanceof CatchUpLimitError;
    const code = exhausted ? GrpcStatus.RESOURCE_EXHAUSTED : GrpcStatus.UNAVAILABLE;
    logger.warn("tail ended by the server", { subscription: sub.id, code: GrpcStatus[code], err });
    call.emit("error", { code, details: err.message, metadata: new Metadata() });
  };

  const flush = (): void => {
    // `take` refills the queue from the ring, which calls back here; the outer
    // loop keeps going, so a nested call must not write out of order.
    if (flushing || ended) return;
    flushing = true;
    try {
      while (!waitingForDrain && sub.error === undefined) {
        const item = sub.take();
        if (item === undefined) break;
        if (!call.write(TailResponse.fromPartial({ alert: item.alert, cursor: item.cursor }))) {
          waitingForDrain = true;
          call.once("drain", onDrain);
        }
      }
    } finally {
      flushing = false;
    }
    if (sub.error !== undefined) finish(sub.error);
  };

  function onDrain(): void {
    waitingForDrain = false;
    flush();
  }

  sub.onReadable(flush);
  call.on("cancelled", () => {
    logger.debug("tail cancelled by the client", { subscription: sub.id });
    finish(undefined);
  });
  call.on("close", () => finish(undefined));
  flush();
}

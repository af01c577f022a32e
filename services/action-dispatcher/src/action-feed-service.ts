import { status as GrpcStatus, type sendUnaryData, type ServerUnaryCall, type ServerWritableStream } from "@grpc/grpc-js";
import { decodeCursor, encodeCursor, InvalidCursorError, type Logger } from "@redline/common";
import { authenticate, failStream, isPrincipal, type TokenTable } from "@redline/grpc";
import { earliestOffsets, TopicReader, type createKafkaClient, type InputRecord } from "@redline/kafka";
import type { AckRequest, AckResponse, ActionFeedServer, SubscribeRequest, SubscribeResponse } from "@redline/proto";
import { decodeActionRecord } from "./action-codec";

/** The client @redline/kafka builds; named from there so the service never imports kafkajs. */
type Kafka = ReturnType<typeof createKafkaClient>;

export interface ActionFeedDeps {
  kafka: Kafka;
  actionsTopic: string;
  /** Empty: no authentication (for loopback demos only). */
  tokens: TokenTable;
  logger: Logger;
  onAck?: (count: number) => void;
}

function statusError(code: GrpcStatus, details: string) {
  return Object.assign(new Error(details), { code, details });
}

/** Waits until the stream can take more, or resolves false when the client has gone. */
function drained(call: ServerWritableStream<SubscribeRequest, SubscribeResponse>): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      call.off("drain", onDrain);
      call.off("cancelled", onGone);
      call.off("close", onGone);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onGone = () => done(false);
    call.on("drain", onDrain);
    call.on("cancelled", onGone);
    call.on("close", onGone);
  });
}

/**
 * ActionFeed for platforms that pull: each Subscribe reads `risk.actions`
 * from its cursor (the oldest retained when empty) with its own reader and
 * no consumer-group commits, writing at the client's pace: the reader
 * fetches nothing more while the stream is waiting for `drain`.
 */
export function actionFeedService(deps: ActionFeedDeps): ActionFeedServer {
  const authorise = (metadata: Parameters<typeof authenticate>[0]) =>
    deps.tokens.size === 0 ? undefined : authenticate(metadata, deps.tokens);

  return {
    subscribe(call) {
      const auth = authorise(call.metadata);
      if (auth !== undefined && !isPrincipal(auth)) {
        failStream(call, auth as { code: number; details: string });
        return;
      }
      let from;
      try {
        from = decodeCursor(call.request.cursor);
      } catch (err) {
        if (err instanceof InvalidCursorError) failStream(call, statusError(GrpcStatus.INVALID_ARGUMENT, err.message));
        else failStream(call, statusError(GrpcStatus.INTERNAL, "cursor could not be read"));
        return;
      }
      const platform = call.request.platform;
      let reader: TopicReader | undefined;
      let gone = false;
      const stop = () => {
        gone = true;
        void reader?.stop();
      };
      call.on("cancelled", stop);
      call.on("close", stop);
      const deliver = async (records: readonly InputRecord[]) => {
        for (const record of records) {
          if (gone) return;
          positions.set(record.partition, record.offset + 1n);
          let action;
          try {
            action = decodeActionRecord(record);
          } catch {
            continue; // the dispatcher's consumer dead-letters it; a puller just skips it
          }
          if (action.shadow || (platform !== "" && action.platform !== platform)) continue;
          if (!call.write({ action, cursor: encodeCursor(positions) }) && !(await drained(call))) return;
        }
      };
      const positions = new Map<number, bigint>();
      (async () => {
        // A cursor names the partitions the topic had when it was made; one added since holds only newer
        // actions, so it is read from its start, not (the reader's default) from the live end.
        const earliest = await earliestOffsets(deps.kafka, deps.actionsTopic);
        const start = from === undefined ? earliest : new Map([...earliest, ...from]);
        for (const [p, o] of start) positions.set(p, o);
        reader = await TopicReader.open({
          kafka: deps.kafka,
          topic: deps.actionsTopic,
          from: start,
          onRecords: deliver,
          logger: deps.logger,
          groupIdPrefix: "redline-action-feed",
        });
        if (gone) await reader.stop();
      })().catch((err: unknown) => {
        deps.logger.error("ActionFeed subscription failed", { err });
        if (!gone) failStream(call, statusError(GrpcStatus.UNAVAILABLE, "action feed unavailable; retry with your last cursor"));
      });
    },

    ack(call: ServerUnaryCall<AckRequest, AckResponse>, callback: sendUnaryData<AckResponse>) {
      const auth = authorise(call.metadata);
      if (auth !== undefined && !isPrincipal(auth)) {
        callback(auth);
        return;
      }
      if (call.request.cursor !== "") {
        try {
          decodeCursor(call.request.cursor);
        } catch (err) {
          callback(statusError(GrpcStatus.INVALID_ARGUMENT, (err as Error).message));
          return;
        }
      }
      const count = call.request.actionIds.length;
      deps.onAck?.(count);
      deps.logger.info("actions acknowledged by a pulling platform", { count, principal: auth?.id });
      callback(null, { acknowledged: count });
    },
  };
}

import { encodeMessage } from "@redline/events";
import { CONTENT_TYPE_HEADER } from "@redline/events";
import type { RecordProducer } from "@redline/kafka";
import { Feedback } from "@redline/proto";

/** Where verdicts go; resolves once the verdict is durable. */
export interface FeedbackSink {
  write(feedback: Feedback): Promise<void>;
}

/** Writes verdicts to the feedback topic, keyed by room so they follow the room's partition. */
export class KafkaFeedbackSink implements FeedbackSink {
  constructor(
    private readonly producer: RecordProducer,
    private readonly topic: string,
  ) {}

  async write(feedback: Feedback): Promise<void> {
    const { value, contentType } = encodeMessage(Feedback, feedback, "protobuf");
    await this.producer.send(this.topic, [
      { key: feedback.roomId || feedback.alertId, value, headers: { [CONTENT_TYPE_HEADER]: contentType } },
    ]);
  }
}

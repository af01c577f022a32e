import type { ServiceError } from "@grpc/grpc-js";
import { ReviewRequest, verdictToJSON, type ReviewResponse } from "@redline/proto";
import { EXIT_CODES, type CommandContext } from "../command";
import { connect, describeCallError, parseVerdict, UsageError, type ConnectionOptions } from "./gateway-client";

/** Parsed by the command's definition (commands/index.ts). */
export interface ReviewOptions extends ConnectionOptions {
  alertId: string;
  verdict: string;
  note: string;
}

/** Records an inspector's verdict on an alert through the gateway's `Review`. */
export async function run(values: ReviewOptions, ctx: CommandContext): Promise<number> {
  const { alertId } = values;
  let request: ReviewRequest;
  let connection: ReturnType<typeof connect>;
  try {
    request = ReviewRequest.fromPartial({ alertId, verdict: parseVerdict(values.verdict), note: values.note });
    connection = connect(values, ctx.env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    ctx.stderr.write(`redline review: ${err.message}\n`);
    return EXIT_CODES.usage;
  }
  const { client, metadata } = connection;
  try {
    const response = await new Promise<ReviewResponse>((resolve, reject) =>
      client.review(request, metadata, (err: ServiceError | null, res?: ReviewResponse) =>
        err || res === undefined ? reject(err) : resolve(res),
      ),
    );
    const f = response.feedback;
    ctx.stdout.write(
      `recorded ${verdictToJSON(f?.verdict ?? request.verdict)} on ${alertId}` +
        `${f?.roomId ? ` (room ${f.roomId})` : ""} by ${f?.inspectorId ?? "?"} at ${new Date(f?.reviewedAtMs ?? 0).toISOString()}\n`,
    );
    return EXIT_CODES.ok;
  } catch (err) {
    ctx.stderr.write(`redline review: ${describeCallError(err as ServiceError)}\n`);
    return EXIT_CODES.failed;
  } finally {
    client.close();
  }
}

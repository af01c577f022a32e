import { parseArgs } from "node:util";
import type { ServiceError } from "@grpc/grpc-js";
import { ReviewRequest, verdictToJSON, type ReviewResponse } from "@redline/proto";
import type { CommandContext } from "../command";
import { CONNECTION_OPTIONS, CONNECTION_USAGE, connect, describeCallError, parseVerdict, UsageError } from "./gateway-client";

const USAGE = `usage: redline review ALERT_ID --verdict confirmed|false_positive|needs_more_evidence [--note TEXT]
  Records an inspector's verdict on an alert (written to risk.feedback with
  your inspector id and the time of the review).
${CONNECTION_USAGE}`;

export async function run(args: string[], ctx: CommandContext): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        verdict: { type: "string" },
        note: { type: "string", default: "" },
        help: { type: "boolean", short: "h" },
        ...CONNECTION_OPTIONS,
      },
    });
  } catch (err) {
    ctx.stderr.write(`redline review: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    ctx.stdout.write(USAGE);
    return 0;
  }
  const alertId = positionals[0];
  if (alertId === undefined || positionals.length > 1 || values.verdict === undefined) {
    ctx.stderr.write(USAGE);
    return 2;
  }
  let request: ReviewRequest;
  let connection: ReturnType<typeof connect>;
  try {
    request = ReviewRequest.fromPartial({ alertId, verdict: parseVerdict(values.verdict), note: values.note });
    connection = connect(values, ctx.env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    ctx.stderr.write(`redline review: ${err.message}\n`);
    return 2;
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
    return 0;
  } catch (err) {
    ctx.stderr.write(`redline review: ${describeCallError(err as ServiceError)}\n`);
    return 1;
  } finally {
    client.close();
  }
}

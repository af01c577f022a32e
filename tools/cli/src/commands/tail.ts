import { status as GrpcStatus, type ServiceError } from "@grpc/grpc-js";
import {
  RiskCategory,
  Severity,
  TailRequest,
  TailResponse,
  riskCategoryToJSON,
  severityToJSON,
  type Alert,
} from "@redline/proto";
import { EXIT_CODES, type CommandContext } from "../command";
import { connect, describeCallError, parseCategory, parseSeverity, UsageError, type ConnectionOptions } from "./gateway-client";

/** Parsed by the command's definition (commands/index.ts). */
export interface TailOptions extends ConnectionOptions {
  room?: string[];
  category?: string[];
  minSeverity?: string;
  json?: boolean;
  cursor?: string;
}

/** Alert text comes from the stream: keep terminal control sequences out of the output. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, " ");
}

function shortName(full: string, prefix: string): string {
  return full.startsWith(prefix) ? full.slice(prefix.length) : full;
}

/** Two lines per alert: the facts, then the three signals that contributed most. */
export function formatAlert(alert: Alert): string {
  const time = Number.isFinite(alert.eventTimeMs) ? new Date(alert.eventTimeMs).toISOString() : String(alert.eventTimeMs);
  const category = shortName(riskCategoryToJSON(alert.category), "RISK_CATEGORY_");
  const kind = alert.subcategory ? `${category}/${alert.subcategory}` : category;
  const severity = shortName(severityToJSON(alert.severity), "SEVERITY_");
  const summary = alert.explanation?.summary ?? "";
  const head = `${time}  ${printable(alert.roomId)}  ${printable(kind)}  ${severity}  ${alert.score.toFixed(2)}  ${printable(summary)}`;
  const signals = [...(alert.explanation?.signals ?? [])]
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, 3)
    .map((s) => `${printable(s.name)}=${Number(s.value.toPrecision(4))} (${Math.round(s.contribution * 100)}%)`);
  return signals.length === 0 ? `${head}\n` : `${head}\n    ${signals.join("  ")}\n`;
}

export function tailRequest(values: TailOptions): TailRequest {
  return TailRequest.fromPartial({
    rooms: values.room ?? [],
    categories: (values.category ?? []).map(parseCategory) as RiskCategory[],
    minSeverity: values.minSeverity === undefined ? Severity.SEVERITY_UNSPECIFIED : parseSeverity(values.minSeverity),
    cursor: values.cursor ?? "",
  });
}

/** Prints the gateway's alert stream until it ends or Ctrl-C. */
export async function run(values: TailOptions, ctx: CommandContext): Promise<number> {
  let request: TailRequest;
  let connection: ReturnType<typeof connect>;
  try {
    request = tailRequest(values);
    connection = connect(values, ctx.env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    ctx.stderr.write(`redline tail: ${err.message}\n`);
    return EXIT_CODES.usage;
  }
  const { client, metadata } = connection;
  let lastCursor = request.cursor;
  let interrupted = false;
  const call = client.tail(request, metadata);
  const onSigint = () => {
    interrupted = true;
    call.cancel();
  };
  process.once("SIGINT", onSigint);
  try {
    return await new Promise<number>((resolve) => {
      call.on("data", (response: TailResponse) => {
        lastCursor = response.cursor;
        const text = values.json
          ? `${JSON.stringify(TailResponse.toJSON(response))}\n`
          : response.alert
            ? formatAlert(response.alert)
            : "";
        // A slow pipe (`| less`) holds the stream back rather than piling output up here.
        if (text && !ctx.stdout.write(text)) {
          call.pause();
          ctx.stdout.once("drain", () => call.resume());
        }
      });
      call.on("error", (err: ServiceError) => {
        if (interrupted && err.code === GrpcStatus.CANCELLED) return resolve(0);
        ctx.stderr.write(`redline tail: ${describeCallError(err)}\n`);
        resolve(1);
      });
      call.on("end", () => resolve(0));
    });
  } finally {
    process.removeListener("SIGINT", onSigint);
    if (lastCursor) ctx.stderr.write(`redline tail: resume with --cursor ${lastCursor}\n`);
    client.close();
  }
}

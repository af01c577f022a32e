import { parseArgs } from "node:util";
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
import type { CommandContext } from "../command";
import {
  CONNECTION_OPTIONS,
  CONNECTION_USAGE,
  connect,
  describeCallError,
  parseCategory,
  parseSeverity,
  UsageError,
} from "./gateway-client";

const USAGE = `usage: redline tail [--room R]... [--category C]... [--min-severity S] [--json] [--cursor X]
  Prints the live alert stream from the alert gateway until Ctrl-C, one alert
  per entry: time, room, category/subcategory, severity, score, summary and
  the top three signals. --json prints one proto3 JSON TailResponse per line.
  Categories and severities take short or full names (HIGH, SEVERITY_HIGH).
  --cursor resumes after the alert that carried it (printed on exit).
${CONNECTION_USAGE}`;

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

export function tailRequest(values: {
  room?: string[];
  category?: string[];
  "min-severity"?: string;
  cursor?: string;
}): TailRequest {
  return TailRequest.fromPartial({
    rooms: values.room ?? [],
    categories: (values.category ?? []).map(parseCategory) as RiskCategory[],
    minSeverity: values["min-severity"] === undefined ? Severity.SEVERITY_UNSPECIFIED : parseSeverity(values["min-severity"]),
    cursor: values.cursor ?? "",
  });
}

export async function run(args: string[], ctx: CommandContext): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        room: { type: "string", multiple: true },
        category: { type: "string", multiple: true },
        "min-severity": { type: "string" },
        json: { type: "boolean" },
        cursor: { type: "string" },
        help: { type: "boolean", short: "h" },
        ...CONNECTION_OPTIONS,
      },
    }));
  } catch (err) {
    ctx.stderr.write(`redline tail: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    ctx.stdout.write(USAGE);
    return 0;
  }
  let request: TailRequest;
  let connection: ReturnType<typeof connect>;
  try {
    request = tailRequest(values);
    connection = connect(values, ctx.env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    ctx.stderr.write(`redline tail: ${err.message}\n`);
    return 2;
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

import { Metadata, status as GrpcStatus, type ServiceError } from "@grpc/grpc-js";
import { RedlineError } from "@redline/common";
import { channelCredentials } from "@redline/grpc";
import { AlertStreamClient, RiskCategory, Severity, Verdict } from "@redline/proto";

/** Connection flags shared by `redline tail` and `redline review` (defined in commands/index.ts). */
export interface ConnectionOptions {
  address?: string;
  token?: string;
  tls?: boolean;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
}

/** A command line `tail` or `review` cannot act on (a missing token, an unknown name); printed without a stack. */
export class UsageError extends RedlineError {}

export interface Connection {
  client: AlertStreamClient;
  metadata: Metadata;
}

export function connect(values: ConnectionOptions, env: NodeJS.ProcessEnv): Connection {
  const token = values.token ?? env.REDLINE_TOKEN;
  if (token === undefined || token.trim() === "") throw new UsageError("a token is required: --token or REDLINE_TOKEN");
  const address = values.address ?? env.REDLINE_GATEWAY_ADDRESS ?? "127.0.0.1:7070";
  const { caFile, certFile, keyFile } = values;
  if ((certFile === undefined) !== (keyFile === undefined)) throw new UsageError("--cert-file and --key-file go together");
  const enabled = values.tls === true || caFile !== undefined || certFile !== undefined;
  const client = new AlertStreamClient(address, channelCredentials({ enabled, caFile, certFile, keyFile }));
  const metadata = new Metadata();
  metadata.set("authorization", `Bearer ${token.trim()}`);
  return { client, metadata };
}

/**
 * Reads an enum value from a short name (`HIGH`, `data-falsification`) or
 * the full one (`SEVERITY_HIGH`); UNSPECIFIED and unknown names are refused.
 */
function enumValue<E extends Record<string, string | number>>(table: E, prefix: string, what: string, name: string): E[keyof E] {
  const upper = name.trim().toUpperCase().replace(/-/g, "_");
  const full = upper.startsWith(prefix) ? upper : `${prefix}${upper}`;
  const value = table[full as keyof E];
  if (typeof value !== "number" || value <= 0) {
    const allowed = Object.keys(table)
      .filter((k) => typeof table[k as keyof E] === "number" && (table[k as keyof E] as number) > 0)
      .map((k) => k.slice(prefix.length));
    throw new UsageError(`unknown ${what} '${name}'; one of ${allowed.join(", ")}`);
  }
  return value;
}

export const parseCategory = (name: string): RiskCategory =>
  enumValue(RiskCategory, "RISK_CATEGORY_", "category", name) as RiskCategory;
export const parseSeverity = (name: string): Severity => enumValue(Severity, "SEVERITY_", "severity", name) as Severity;
export const parseVerdict = (name: string): Verdict => enumValue(Verdict, "VERDICT_", "verdict", name) as Verdict;

/** One line for a failed call: the status name and the server's words. */
export function describeCallError(err: ServiceError): string {
  return `${GrpcStatus[err.code] ?? err.code}: ${err.details || err.message}`;
}

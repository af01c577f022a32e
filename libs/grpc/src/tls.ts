import { readFileSync } from "node:fs";
import { ChannelCredentials, ServerCredentials } from "@grpc/grpc-js";
import { EnvReader } from "@redline/common";
import { TlsConfigError } from "./errors";

/**
 * TLS for one direction of one connection. No files → plaintext (local
 * stack); cert + key → TLS; plus a CA → the peer must present a certificate
 * signed by it (mTLS).
 */
export interface TlsConfig {
  certFile: string | undefined;
  keyFile: string | undefined;
  caFile: string | undefined;
}

/** Reads `<prefix>_TLS_CERT_FILE`, `_KEY_FILE`, `_CA_FILE`, e.g. prefix `REDLINE_GATEWAY`. */
export function loadTlsConfig(env: Readonly<Record<string, string | undefined>>, prefix: string): TlsConfig {
  const r = new EnvReader(env);
  const cfg = {
    certFile: r.optionalString(`${prefix}_TLS_CERT_FILE`),
    keyFile: r.optionalString(`${prefix}_TLS_KEY_FILE`),
    caFile: r.optionalString(`${prefix}_TLS_CA_FILE`),
  };
  if ((cfg.certFile === undefined) !== (cfg.keyFile === undefined)) {
    throw new TlsConfigError(`${prefix}_TLS_CERT_FILE and ${prefix}_TLS_KEY_FILE must be set together`, { prefix });
  }
  return Object.freeze(cfg);
}

function read(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new TlsConfigError(`cannot read ${what} ${file}`, { file }, err);
  }
}

export function serverCredentials(cfg: TlsConfig): ServerCredentials {
  if (cfg.certFile === undefined || cfg.keyFile === undefined) {
    if (cfg.caFile !== undefined) throw new TlsConfigError("a server CA (mTLS) needs a server certificate and key", {});
    return ServerCredentials.createInsecure();
  }
  const ca = cfg.caFile === undefined ? null : read(cfg.caFile, "CA file");
  return ServerCredentials.createSsl(
    ca,
    [{ cert_chain: read(cfg.certFile, "certificate"), private_key: read(cfg.keyFile, "private key") }],
    ca !== null,
  );
}

/** Client side: a CA verifies the server; cert + key identify this client (mTLS). */
export function channelCredentials(cfg: TlsConfig & { enabled: boolean }): ChannelCredentials {
  if (!cfg.enabled) return ChannelCredentials.createInsecure();
  return ChannelCredentials.createSsl(
    cfg.caFile === undefined ? null : read(cfg.caFile, "CA file"),
    cfg.keyFile === undefined ? null : read(cfg.keyFile, "private key"),
    cfg.certFile === undefined ? null : read(cfg.certFile, "certificate"),
  );
}

import { ClickHouseEvidenceStore } from "@redline/archive";
import { ClickHouseClient } from "@redline/clickhouse";
import { createJsonLogger } from "@redline/common";
import { loadConfig } from "./config";
import { UnconfiguredEvidenceStore, type EvidenceStore } from "./evidence-store";
import { startGateway } from "./gateway";

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createJsonLogger({ level: config.logLevel, namespace: "alert-gateway" });
  // Reads the archive the archiver writes (and migrates); with the store
  // turned off GetEvidence answers UNAVAILABLE rather than NOT_FOUND.
  const ch = config.evidenceClickHouse;
  const evidence: EvidenceStore =
    ch === undefined
      ? new UnconfiguredEvidenceStore()
      : new ClickHouseEvidenceStore(
          new ClickHouseClient({
            url: ch.url,
            database: ch.database,
            user: ch.user,
            password: ch.password,
            requestTimeoutMs: ch.requestTimeoutMs,
            logger: logger.child("clickhouse"),
          }),
        );
  const gateway = await startGateway(config, { logger, evidence });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info("stopping", { signal });
    gateway.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error("unclean stop", { err });
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((err: unknown) => {
  process.stderr.write(`alert-gateway: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

import { createJsonLogger } from "@redline/common";
import { loadConfig } from "./config";
import { UnconfiguredEvidenceStore } from "./evidence-store";
import { startGateway } from "./gateway";

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createJsonLogger({ level: config.logLevel, namespace: "alert-gateway" });
  // libs/archive (ClickHouseEvidenceStore) is not in the tree yet; until it
  // is wired here GetEvidence answers UNAVAILABLE rather than inventing data.
  const evidence = new UnconfiguredEvidenceStore();
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

/** alert-gateway: wires configuration, logging, telemetry, the evidence store and the gRPC server; the work is in startGateway. */
import { ClickHouseEvidenceStore } from "@redline/archive";
import { ClickHouseClient } from "@redline/clickhouse";
import { createJsonLogger, runService } from "@redline/common";
import { initTelemetry, loadTelemetryConfig, traceContextFields } from "@redline/telemetry";
import { loadConfig } from "./config";
import { UnconfiguredEvidenceStore, type EvidenceStore } from "./evidence-store";
import { startGateway } from "./gateway";

const bootLogger = createJsonLogger({ namespace: "redline.alert-gateway" });
void runService(
  async () => {
    const config = loadConfig(process.env);
    const logger = createJsonLogger({ level: config.logLevel, namespace: "alert-gateway", contextFields: traceContextFields });
    const telemetry = await initTelemetry(loadTelemetryConfig(process.env, "alert-gateway", { metricsPort: 9467 }), { logger });
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
    const gateway = await startGateway(config, { logger, evidence, telemetry });
    return {
      async stop() {
        await gateway.stop();
        await telemetry.shutdown();
      },
    };
  },
  { name: "alert-gateway", logger: bootLogger, stopTimeoutMs: 15_000 },
);

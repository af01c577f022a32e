/** demo-platform: a ControlPlane that prints every Apply it receives, with its action id and whether it was a repeat (for `npm start`). */
import { createJsonLogger, EnvReader, runService } from "@redline/common";
import { initTelemetry, loadTelemetryConfig } from "@redline/telemetry";
import { formatAction } from "./format-action";
import { RecordingControlPlane } from "./recording-control-plane";

const logger = createJsonLogger({ namespace: "redline.demo-platform" });
void runService(
  async () => {
    const address = new EnvReader(process.env).string("REDLINE_DEMO_PLATFORM_ADDRESS", "127.0.0.1:7000");
    const telemetry = await initTelemetry(loadTelemetryConfig(process.env, "demo-platform", { metricsPort: 9468 }), { logger });
    const platform = new RecordingControlPlane({
      onCall: (call) => process.stdout.write(`${formatAction(call)}\n`),
      metrics: telemetry.metrics,
    });
    await platform.start(address);
    return {
      async stop() {
        await platform.stop();
        await telemetry.shutdown();
      },
    };
  },
  { name: "demo-platform", logger, stopTimeoutMs: 5000 },
);

import { FaultSuiteError } from "./errors";
import { gatewayTails } from "./gateway-tails";
import type { FaultContext, Scenario } from "./run-scenario";
import type { SuiteStack } from "./stack";
import { SERVICES, type ServiceName } from "./supervisor";

/** Fault lengths; the issue's, or shorter ones for a quick run (`--quick`). */
export interface FaultDurations {
  clickhouseDownS: number;
  controlPlaneDownS: number;
  controlPlaneSlowS: number;
  stallS: number;
  /** Between a kill and the restart. */
  restartAfterS: number;
}

export const ISSUE_DURATIONS: FaultDurations = { clickhouseDownS: 60, controlPlaneDownS: 300, controlPlaneSlowS: 120, stallS: 30, restartAfterS: 2 };

function stackOf(ctx: FaultContext): SuiteStack {
  if (ctx.stack === undefined) throw new FaultSuiteError("this fault stops a server and needs the suite's own stack");
  return ctx.stack;
}

async function killAndRestart(ctx: FaultContext, service: ServiceName, afterS: number): Promise<string> {
  await ctx.supervisor.kill9(service);
  const killedAt = new Date().toISOString().slice(11, 19);
  await ctx.sleep(afterS * 1000);
  const pid = ctx.supervisor.start(service);
  return `${service} kill -9 at ${killedAt}, restarted as pid ${pid}`;
}

export function killScenario(service: ServiceName, times: 1 | 2, d: FaultDurations): Scenario {
  return {
    name: `kill9-${service}${times === 2 ? "-twice" : ""}`,
    faultSeconds: times * (d.restartAfterS + 3),
    fault: times === 1 ? `kill -9 of ${service}, restarted ${d.restartAfterS} s later` : `kill -9 of ${service} twice in a row (the second ${d.restartAfterS + 3} s after the first restart)`,
    async inject(ctx) {
      const notes = [await killAndRestart(ctx, service, d.restartAfterS)];
      if (times === 2) {
        await ctx.sleep(3000);
        notes.push(await killAndRestart(ctx, service, d.restartAfterS));
      }
      return notes;
    },
  };
}

/** A second engine joins (a rebalance starts), and the first is sent SIGTERM while the group is rebalancing; it rejoins, and the second leaves. */
export function sigtermDuringRebalance(): Scenario {
  return {
    name: "sigterm-during-rebalance",
    fault: "a second engine joins, and SIGTERM reaches the first 1 s later, mid-rebalance; the first restarts and the second is stopped",
    faultSeconds: 25,
    async inject(ctx) {
      ctx.supervisor.start("risk-engine#2");
      await ctx.sleep(1000);
      const code = await ctx.supervisor.terminate("risk-engine");
      await ctx.sleep(5000);
      ctx.supervisor.start("risk-engine");
      await ctx.sleep(10_000);
      const second = await ctx.supervisor.terminate("risk-engine#2");
      return [`first engine stopped mid-rebalance with exit ${String(code)}, second with ${String(second)}`];
    },
  };
}

export function clickhouseDown(d: FaultDurations): Scenario {
  return {
    name: "clickhouse-down",
    faultSeconds: d.clickhouseDownS + 5,
    fault: `ClickHouse stopped for ${d.clickhouseDownS} s (the suite's own server)`,
    async inject(ctx) {
      await stackOf(ctx).down(["clickhouse"]);
      await ctx.sleep(d.clickhouseDownS * 1000);
      await stackOf(ctx).up(["clickhouse"]);
      return [`ClickHouse down ${d.clickhouseDownS} s`];
    },
  };
}

export function brokerRestart(): Scenario {
  return {
    name: "broker-restart",
    faultSeconds: 20,
    fault: "Kafka stopped (SIGTERM) and started again under load (the suite's own broker)",
    async inject(ctx) {
      const started = Date.now();
      await stackOf(ctx).down(["kafka"]);
      await stackOf(ctx).up(["kafka"]);
      return [`broker back after ${((Date.now() - started) / 1000).toFixed(0)} s`];
    },
  };
}

export function clickhouseErrors(d: FaultDurations): Scenario {
  return {
    name: "clickhouse-errors",
    fault: `ClickHouse answers every request with its errors (243 not enough space, 252 too many parts) for ${d.clickhouseDownS} s, through an HTTP proxy`,
    faultSeconds: d.clickhouseDownS,
    async inject(ctx) {
      const proxy = stackOf(ctx).clickhouseProxy;
      const before = proxy.errorsAnswered;
      proxy.fail(true);
      await ctx.sleep(d.clickhouseDownS * 1000);
      proxy.fail(false);
      return [`${proxy.errorsAnswered - before} requests answered with an error`];
    },
  };
}

export function controlPlaneDown(d: FaultDurations): Scenario {
  return {
    name: "controlplane-down",
    faultSeconds: d.controlPlaneDownS,
    fault: `ControlPlane down ${d.controlPlaneDownS} s`,
    async inject(ctx) {
      await ctx.platform.stop();
      await ctx.sleep(d.controlPlaneDownS * 1000);
      await ctx.platform.restart();
      return [`ControlPlane down ${d.controlPlaneDownS} s`];
    },
  };
}

export function controlPlaneSlow(d: FaultDurations): Scenario {
  return {
    name: "controlplane-slow",
    faultSeconds: d.controlPlaneSlowS,
    fault: `ControlPlane answers each Apply after 2 s for ${d.controlPlaneSlowS} s`,
    async inject(ctx) {
      ctx.platform.delayCalls(2000);
      await ctx.sleep(d.controlPlaneSlowS * 1000);
      ctx.platform.delayCalls(0);
      return [`slow ${d.controlPlaneSlowS} s`];
    },
  };
}

export function networkStall(d: FaultDurations): Scenario {
  return {
    name: "network-stall",
    faultSeconds: d.stallS,
    fault: `every connection to the broker stalled ${d.stallS} s (loopback proxy the broker advertises holds all bytes both ways)`,
    async inject(ctx) {
      stackOf(ctx).brokerProxy.pause();
      await ctx.sleep(d.stallS * 1000);
      stackOf(ctx).brokerProxy.resume();
      return [`stall ${d.stallS} s`];
    },
  };
}

/** In the order of the issue; those that stop a server need the suite's own stack. */
export function allScenarios(d: FaultDurations): Scenario[] {
  return [
    ...SERVICES.map((s) => killScenario(s, 1, d)),
    ...SERVICES.map((s) => killScenario(s, 2, d)),
    sigtermDuringRebalance(),
    clickhouseDown(d),
    brokerRestart(),
    controlPlaneDown(d),
    controlPlaneSlow(d),
    networkStall(d),
    clickhouseErrors(d),
    gatewayTails(d.clickhouseDownS),
  ];
}

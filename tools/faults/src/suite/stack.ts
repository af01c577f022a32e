import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../engine-process";
import { FaultSuiteError } from "./errors";
import { HttpErrorProxy } from "./http-error-proxy";
import { portAnswers } from "./port-answers";
import { StartedServers, type StackComponent } from "./started-servers";
import { TcpProxy } from "./tcp-proxy";

const run = promisify(execFile);

export interface SuiteStackPorts {
  kafka: number;
  kafkaController: number;
  /** The loopback proxy in front of the broker: the port the broker advertises, so every client goes through it. */
  kafkaProxy: number;
  /** The HTTP proxy in front of ClickHouse that can answer with its errors; the services' ClickHouse URL. */
  clickhouseProxy: number;
  clickhouseHttp: number;
  clickhouseTcp: number;
}

export const DEFAULT_SUITE_PORTS: SuiteStackPorts = { kafka: 19092, kafkaController: 19093, kafkaProxy: 19094, clickhouseProxy: 18124, clickhouseHttp: 18123, clickhouseTcp: 19000 };

/**
 * The suite's own Kafka and ClickHouse, started by deploy/local/up.sh in
 * `.local/faults-stack` on other ports, so a scenario may stop and start them
 * (deploy/local/down.sh stops only what its own pid files name) without
 * touching the stack every other session and test uses.
 */
export class SuiteStack {
  readonly brokerProxy: TcpProxy;
  readonly clickhouseProxy: HttpErrorProxy;
  private readonly started = new StartedServers();

  /** `dir`: where its servers keep their state and pid files (a test's broker of its own uses another). */
  constructor(
    readonly ports: SuiteStackPorts = DEFAULT_SUITE_PORTS,
    readonly dir: string = join(REPO_ROOT, ".local", "faults-stack"),
  ) {
    this.brokerProxy = new TcpProxy("127.0.0.1", ports.kafka);
    this.clickhouseProxy = new HttpErrorProxy("127.0.0.1", ports.clickhouseHttp);
  }

  /** What the services are given: the proxy's port for Kafka, the server for ClickHouse. */
  get kafkaBrokers(): string {
    return `127.0.0.1:${this.ports.kafkaProxy}`;
  }

  /** The server itself, for the suite's own reads. */
  get clickhouseUrl(): string {
    return `http://127.0.0.1:${this.ports.clickhouseHttp}`;
  }

  /** Through the error proxy, for the services. */
  get clickhouseServiceUrl(): string {
    return `http://127.0.0.1:${this.ports.clickhouseProxy}`;
  }

  /** @param extraEnv settings for up.sh over the stack's own (a test's JVM options or start timeout) */
  async up(components: readonly StackComponent[] = ["kafka", "clickhouse"], extraEnv: Record<string, string> = {}): Promise<void> {
    if (components.includes("kafka") && this.brokerProxy.port === 0) await this.brokerProxy.start(this.ports.kafkaProxy);
    if (components.includes("clickhouse") && this.clickhouseProxy.port === 0) await this.clickhouseProxy.start(this.ports.clickhouseProxy);
    let printed: string;
    try {
      printed = await this.script("up.sh", components, extraEnv);
    } catch (err) {
      // up.sh leaves a server that was not ready in time running for inspection; the run still stops it at the end.
      this.started.noteLeftRunning((err as { cause?: { stderr?: string } }).cause?.stderr ?? "");
      throw err;
    }
    this.started.noteUp(components, printed);
  }

  /**
   * Stops the components by this folder's pid files, then checks that each
   * port closed: down.sh leaves a server another folder started (another copy
   * of the tree running its suite on the same ports), and a fault that stops
   * nothing would pass without having happened.
   */
  async down(components: readonly StackComponent[]): Promise<void> {
    await this.script("down.sh", components);
    for (const component of components) {
      const port = component === "kafka" ? this.ports.kafka : this.ports.clickhouseHttp;
      if (await portAnswers(port)) {
        throw new FaultSuiteError(
          `${component} still answers on 127.0.0.1:${port} after deploy/local/down.sh: it is not this stack's (${this.dir}); another copy of the tree may be running its suite on these ports: stop it, or run this one on other ports`,
          { component, port, dir: this.dir },
        );
      }
    }
  }

  /**
   * Stops the servers this run started, each only while its pid file still
   * names the pid the run started (down.sh with REDLINE_STOP_PID); servers it
   * found running stay up. Tries every one, then throws the first failure.
   */
  async stopStarted(): Promise<void> {
    let failure: unknown;
    for (const { component, pid } of this.started.toStop()) {
      try {
        await this.script("down.sh", [component], { REDLINE_STOP_PID: String(pid) });
        this.started.stopped(component);
      } catch (err) {
        failure ??= err;
      }
    }
    if (failure !== undefined) throw failure;
  }

  async stopProxies(): Promise<void> {
    await this.brokerProxy.cut();
    await this.clickhouseProxy.stop();
  }

  /** Runs deploy/local/<name> on this stack's folder and ports; resolves to what it printed. */
  private async script(name: string, components: readonly string[], extraEnv: Record<string, string> = {}): Promise<string> {
    const env = {
      ...process.env,
      REDLINE_KAFKA_HEAP_OPTS: "-Xms256m -Xmx768m",
      ...extraEnv,
      REDLINE_LOCAL_DIR: this.dir,
      REDLINE_KAFKA_PORT: String(this.ports.kafka),
      REDLINE_KAFKA_CONTROLLER_PORT: String(this.ports.kafkaController),
      REDLINE_KAFKA_ADVERTISED_PORT: String(this.ports.kafkaProxy),
      REDLINE_CLICKHOUSE_HTTP_PORT: String(this.ports.clickhouseHttp),
      REDLINE_CLICKHOUSE_TCP_PORT: String(this.ports.clickhouseTcp),
    };
    try {
      return (await run("bash", [join(REPO_ROOT, "deploy", "local", name), ...components], { env, timeout: 180_000 })).stdout;
    } catch (err) {
      const out = err as { stdout?: string; stderr?: string };
      throw new FaultSuiteError(`deploy/local/${name} ${components.join(" ")} failed: ${(out.stderr ?? "").trim().split("\n").slice(-3).join(" | ")}`, { dir: this.dir }, err);
    }
  }
}

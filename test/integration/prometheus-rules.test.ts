import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PROMETHEUS_DIR, dashboardExpressions, ruleFiles } from "@redline/test-helpers";

const ROOT = resolve(__dirname, "..", "..");

/** Runs promtool; a missing promtool fails the test with the fix (never a skip). */
function promtool(args: string[]): string {
  try {
    return execFileSync("promtool", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    const e = err as { code?: string; stdout?: string; stderr?: string };
    if (e.code === "ENOENT") throw new Error("promtool is not installed: run `bash deploy/local/up.sh promtool` (Debian's prometheus package)");
    throw new Error(`promtool ${args.join(" ")} failed:\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
}

describe("Prometheus configuration and alerting rules", () => {
  it("every rule file passes promtool check rules", () => {
    for (const { file } of ruleFiles()) expect(promtool(["check", "rules", file])).toMatch(/SUCCESS: \d+ rules found/);
  });

  it("the alerts fire on the series that should raise them, and only those (promtool test rules)", () => {
    expect(promtool(["test", "rules", join(PROMETHEUS_DIR, "rules", "redline.rules.test.yml")])).toMatch(/SUCCESS/);
  });

  it("the compose Prometheus config is valid and loads the rules", () => {
    // The config names the rules by their path inside the container; point it at a copy.
    const dir = mkdtempSync(join(tmpdir(), "prometheus-"));
    cpSync(join(PROMETHEUS_DIR, "rules"), join(dir, "rules"), { recursive: true });
    const config = readFileSync(join(PROMETHEUS_DIR, "prometheus.yml"), "utf8");
    expect(config).toContain("/etc/prometheus/rules/*.rules.yml");
    writeFileSync(join(dir, "prometheus.yml"), config.replaceAll("/etc/prometheus/rules", join(dir, "rules")));
    const out = promtool(["check", "config", join(dir, "prometheus.yml")]);
    expect(out).toMatch(new RegExp(`SUCCESS: ${ruleFiles().length} rule files found`));
  });

  it("jobs named by rules and dashboards are the ones both Prometheus configs produce", () => {
    const compose = readFileSync(join(PROMETHEUS_DIR, "prometheus.yml"), "utf8");
    const jobs = [...compose.matchAll(/job_name: (\S+)/g)].map((m) => m[1]!);
    // Kubernetes: the job is the pod's app label, and every manifest's app is redline-<service>.
    const k8sDir = join(ROOT, "deploy", "k8s");
    const apps = readdirSync(k8sDir)
      .filter((f) => f.endsWith(".yaml"))
      .flatMap((f) => [...readFileSync(join(k8sDir, f), "utf8").matchAll(/^\s+labels: \{ app: (\S+) \}/gm)].map((m) => m[1]!));
    expect(new Set(apps)).toEqual(new Set(jobs.filter((j) => j !== "redline-demo-platform")));
    expect(readFileSync(join(PROMETHEUS_DIR, "prometheus-k8s.yml"), "utf8")).toContain("target_label: job");
    const texts = [...ruleFiles().map((r) => r.text), ...dashboardExpressions().map((d) => d.expr)].join("\n");
    for (const [, op, value] of texts.matchAll(/job(=~?)"([^"]+)"/g)) {
      const matches = jobs.filter((j) => (op === "=" ? j === value : new RegExp(`^(?:${value})$`).test(j)));
      expect({ selector: `job${op}"${value}"`, matches: matches.length > 0 }).toEqual({ selector: `job${op}"${value}"`, matches: true });
    }
  });

  it("every Kubernetes manifest asks to be scraped on the port its service serves metrics on", () => {
    const k8sDir = join(ROOT, "deploy", "k8s");
    const manifests = readdirSync(k8sDir).filter((f) => f.endsWith(".yaml") && f !== "config.yaml");
    expect(manifests.length).toBeGreaterThanOrEqual(4);
    for (const f of manifests) {
      const text = readFileSync(join(k8sDir, f), "utf8");
      const port = /prometheus\.io\/port: "(\d+)"/.exec(text)?.[1];
      expect({ f, scrape: /prometheus\.io\/scrape: "true"/.test(text) }).toEqual({ f, scrape: true });
      expect({ f, env: new RegExp(`REDLINE_METRICS_PORT, value: "${port}"`).test(text) }).toEqual({ f, env: true });
      expect({ f, host: /REDLINE_METRICS_HOST, value: "0\.0\.0\.0"/.test(text) || /REDLINE_METRICS_HOST: "0\.0\.0\.0"/.test(readFileSync(join(k8sDir, "config.yaml"), "utf8")) }).toEqual({ f, host: true });
    }
  });

  it("every alert has a runbook entry in docs/operations.md", () => {
    const runbook = readFileSync(join(ROOT, "docs", "operations.md"), "utf8");
    const alerts = ruleFiles().flatMap((r) => [...r.text.matchAll(/- alert: (\w+)/g)].map((m) => m[1]!));
    expect(alerts.length).toBeGreaterThan(0);
    for (const alert of alerts) expect({ alert, documented: runbook.includes(`### ${alert}`) }).toEqual({ alert, documented: true });
  });
});

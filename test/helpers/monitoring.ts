import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const ROOT = resolve(__dirname, "..", "..");
export const PROMETHEUS_DIR = join(ROOT, "deploy", "prometheus");
export const DASHBOARDS_DIR = join(ROOT, "deploy", "grafana", "dashboards");

/** Every PromQL expression of every panel target in deploy/grafana/dashboards/*.json, by dashboard file. */
export function dashboardExpressions(): { file: string; panel: string; expr: string }[] {
  const out: { file: string; panel: string; expr: string }[] = [];
  for (const file of readdirSync(DASHBOARDS_DIR).filter((f) => f.endsWith(".json"))) {
    const dashboard = JSON.parse(readFileSync(join(DASHBOARDS_DIR, file), "utf8")) as { panels: Panel[] };
    const visit = (panels: Panel[]): void => {
      for (const p of panels) {
        for (const t of p.targets ?? []) out.push({ file, panel: p.title, expr: t.expr });
        visit(p.panels ?? []);
      }
    };
    visit(dashboard.panels);
  }
  return out;
}

interface Panel {
  title: string;
  targets?: { expr: string }[];
  panels?: Panel[];
}

/** The text of every alerting-rule file in deploy/prometheus/rules/ (not the promtool unit tests). */
export function ruleFiles(): { file: string; text: string }[] {
  const dir = join(PROMETHEUS_DIR, "rules");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".rules.yml"))
    .map((f) => ({ file: join(dir, f), text: readFileSync(join(dir, f), "utf8") }));
}

/** The `redline_*` series names a text refers to (histograms by their `_bucket`/`_sum`/`_count` series). */
export function redlineSeriesNames(text: string): Set<string> {
  return new Set(text.match(/\bredline_[a-z0-9_]+/g) ?? []);
}

/** Names of the samples in a Prometheus exposition text (comment lines skipped). */
export function exposedSeriesNames(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const line of exposition.split("\n")) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]/.exec(line);
    if (m) names.add(m[1]!);
  }
  return names;
}

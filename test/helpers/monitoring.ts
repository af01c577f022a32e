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

/** Each alerting rule's PromQL expression (single-line or `|` block), by alert name. */
export function ruleExpressions(): { alert: string; expr: string }[] {
  const out: { alert: string; expr: string }[] = [];
  for (const { text } of ruleFiles()) {
    const lines = text.split("\n");
    let alert = "";
    for (let i = 0; i < lines.length; i++) {
      const named = /^\s*- alert: (\S+)/.exec(lines[i]!);
      if (named) alert = named[1]!;
      const m = /^(\s*)expr: (.*)$/.exec(lines[i]!);
      if (!m) continue;
      if (m[2]!.trim() !== "|") {
        out.push({ alert, expr: m[2]! });
        continue;
      }
      const block: string[] = [];
      while (i + 1 < lines.length && (lines[i + 1]!.startsWith(`${m[1]!}  `) || lines[i + 1]!.trim() === "")) block.push(lines[++i]!.trim());
      out.push({ alert, expr: block.join(" ").trim() });
    }
  }
  return out;
}

/** Label names an expression groups by (`by (a, b)`) or matches on (`{a="x"}`). */
export function labelsUsed(expr: string): Set<string> {
  const labels = new Set<string>();
  for (const [, list] of expr.matchAll(/\bby\s*\(([^)]*)\)/g)) for (const l of list!.split(",")) if (l.trim() !== "") labels.add(l.trim());
  for (const [, body] of expr.matchAll(/\{([^}]*)\}/g)) for (const [, l] of body!.matchAll(/([a-zA-Z_]\w*)\s*(?:=~|!~|!=|=)/g)) labels.add(l!);
  return labels;
}

/** The label names seen on each sample name of a Prometheus exposition text. */
export function exposedLabels(exposition: string, into = new Map<string, Set<string>>()): Map<string, Set<string>> {
  for (const line of exposition.split("\n")) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\{(.*)\} /.exec(line);
    if (!m) continue;
    const set = into.get(m[1]!) ?? new Set<string>();
    for (const [, l] of m[2]!.matchAll(/([a-zA-Z_]\w*)="/g)) set.add(l!);
    into.set(m[1]!, set);
  }
  return into;
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

/** Markdown for docs/eval/adversary.md and randomized.md: labelled rooms scored at MEDIUM or above. */
import type { LabelledReport } from "./labelled-evaluation";
import type { LabelledScoring } from "./labelled-scoring";

function labelTable(s: LabelledScoring, any: LabelledScoring): string[] {
  const rows = [
    "| label | attacked rooms | precision | false alerts (on rooms attacked with another label) | recall | catchable rooms | recall on catchable | missed, alerted below MEDIUM only | recall at any severity | median delay (s) |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const [label, x] of Object.entries(s.perLabel)) {
    rows.push(`| ${label} | ${x.attacked} | ${x.precision} | ${x.fp} (${x.falseOnOtherAttacks}) | ${x.recall} | ${x.catchable} | ${x.catchableRecall} | ${x.belowFloorOnly} | ${any.perLabel[label]?.recall ?? "–"} | ${x.medianDelayS ?? "–"} |`);
  }
  return rows;
}

function negativesTable(s: LabelledScoring): string[] {
  const rows = ["| room kind | rooms | rooms with a MEDIUM+ falsification alert | labels alerted |", "|---|---:|---:|---|"];
  for (const [kind, h] of Object.entries(s.hardNegatives).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const labels = Object.entries(h.alerts).map(([l, n]) => `${l} ${n}`).join(", ");
    rows.push(`| ${kind} | ${h.rooms} | ${h.roomsAlerted} | ${labels || "–"} |`);
  }
  rows.push(`| organic | ${s.organic.rooms} | ${s.organic.roomsAlerted} | |`);
  return rows;
}

function binTable(s: LabelledScoring): string[] {
  const rows = ["| label | parameter | bin | attacks | recall | catchable | recall on catchable | median delay (s) |", "|---|---|---|---:|---:|---:|---:|---:|"];
  for (const b of s.byBin) rows.push(`| ${b.label} | ${b.param} | ${b.bin} | ${b.attacks} | ${b.recall} | ${b.catchable} | ${b.catchableRecall ?? "–"} | ${b.medianDelayS ?? "–"} |`);
  return rows;
}

export function renderLabelledMarkdown(title: string, intro: readonly string[], r: LabelledReport): string {
  return [
    `# ${title}`,
    "",
    `Generator: ${r.generator}. Seeds ${r.seeds.join(", ")} (${r.rooms} rooms, ${r.events} events).`,
    ...intro,
    "Each seed runs through the input contract into the service's pipeline (`libs/pipeline`) with the default policy, as",
    "`redline replay --policy` would. A room counts as detected for its label when an alert of that label at MEDIUM or above",
    "names it (the default policy takes no action below MEDIUM). \"Catchable\" rooms are those the threat model says a",
    "platform should catch (docs/threat-model.md, \"When a platform should catch it\"); the generator decides it from the",
    "drawn parameters. Regenerate with `npm run eval`.",
    "",
    "## Per label, MEDIUM or above",
    "",
    ...labelTable(r.medium, r.anySeverity),
    "",
    "## Rooms without an attack",
    "",
    `Innocent rooms with a falsification action from the default policy: ${r.innocentRoomsWithFalsificationAction} of ${r.innocentRooms}.`,
    "",
    ...negativesTable(r.medium),
    "",
    "## Recall per drawn parameter (MEDIUM or above)",
    "",
    "String parameters by value; numeric ones by quartile of the attacked rooms of that label.",
    "",
    ...binTable(r.medium),
    "",
  ].join("\n");
}

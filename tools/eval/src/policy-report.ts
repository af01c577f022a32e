/** Renders the policy scoring as a markdown section shared by both eval pages. */
import type { ActionCount, PolicyScoring } from "./policy-scoring";

function tableLines(rows: readonly ActionCount[], emptyText: string): string[] {
  if (rows.length === 0) return [emptyText];
  const lines = ["| category/subcategory | action | actions | rooms | rooms not labelled with it |", "|---|---|---:|---:|---:|"];
  for (const r of rows) lines.push(`| ${r.key} | ${r.kind} | ${r.actions} | ${r.rooms} | ${r.key.endsWith("/KEY_ROOM") ? "-" : r.roomsNotLabelled} |`);
  return lines;
}

/** `underageTarget` is false where the scenarios have no underage streamer (the falsification rooms). */
export function renderPolicySection(p: PolicyScoring, policyVersion: string, underageTarget: boolean): string[] {
  const i = p.innocent;
  const u = p.underage;
  const lines: string[] = [];
  lines.push("## Actions taken by the default policy", "");
  lines.push(`The same pipeline ran the default policy (\`deploy/policy/default-policy.json\`, version \`${policyVersion}\`) after the detectors, as \`redline replay --policy\` does: ${p.actions} live actions. Targets (issue 5): zero severe actions (BLOCK_STREAM, CLOSE_ACCOUNT, BLACKLIST) on innocent rooms; underage streams blocked on the event that states the age.`, "");
  lines.push("### Innocent rooms (no ground-truth label: hard negatives and organic rooms)", "");
  lines.push(`**${i.roomsWithSevere} of ${i.rooms} innocent rooms received a severe action**; ${i.roomsWithAction} received any action, ${i.roomsWithSanction} an action other than the key-room ones (ASSIGN_INSPECTOR, EXTEND_RETENTION, which follow a room's followers or sales, not an alert).`);
  lines.push(i.roomsWithAlert === 0
    ? "No innocent room raised a detector alert, so these seeds never put the policy in front of a false alert: the zero comes from the detectors' precision, and the policy's own guard (validation refuses severe steps on rules below HIGH, except for an under-16 streamer; the default ladders reach them only after repeat offences) is covered by libs/policy's unit tests, not here."
    : `${i.roomsWithAlert} innocent rooms raised a detector alert; the table shows what the policy made of them.`, "");
  lines.push("| room type | rooms | with any action | with a sanction | with a severe action |", "|---|---:|---:|---:|---:|");
  for (const g of i.byGroup) lines.push(`| ${g.group} | ${g.rooms} | ${g.withAction} | ${g.withSanction} | ${g.withSevere} |`);
  lines.push("");
  if (i.severe.length > 0) {
    lines.push("Severe actions on innocent rooms:", "", "| room | room type | action | category/subcategory |", "|---|---|---|---|");
    for (const s of i.severe) lines.push(`| ${s.roomId} | ${s.group} | ${s.kind} | ${s.key} |`);
    lines.push("");
  }
  lines.push("Actions on innocent rooms by subcategory and kind:", "");
  lines.push(...tableLines(i.actionTable, "None."), "");
  lines.push("### Underage streams", "");
  if (u.rooms === 0) lines.push(underageTarget ? "No underage rooms in these seeds." : "These scenarios have no underage streamer (see the content report).", "");
  else {
    lines.push(`**${u.blockedOnStatement} of ${u.rooms} underage rooms were blocked (BLOCK_STREAM) at the event time of the room event that stated the age**, with no other event of the room in between; max delay ${u.maxDelayEvents ?? "-"} events.`);
    if (u.notBlocked.length > 0) lines.push(`Never blocked: ${u.notBlocked.join(", ")}.`);
    if (u.noStatement.length > 0) lines.push(`No event stated an age under 16: ${u.noStatement.join(", ")}.`);
    lines.push("");
  }
  lines.push(`### Attacked rooms: actions per subcategory and kind`, "");
  lines.push(`${p.attacked.roomsWithAction} of ${p.attacked.rooms} rooms with a ground-truth label received an action. "Rooms not labelled with it": rooms that got the action for a subcategory other than their own.`, "");
  lines.push(...tableLines(p.attacked.actionTable, "No actions."), "");
  lines.push("From alert to action, per ground-truth label: labelled rooms, rooms the detectors flagged for the label, rooms the policy acted on for it, and the flagged rooms left without an action by the highest severity of their alerts (a rule acts only from its `minSeverity`; see deploy/policy/default-policy.json).", "");
  lines.push("| label | rooms | alerted | acted on | alerted, no action (by severity) |", "|---|---:|---:|---:|---|");
  for (const c of p.attacked.coverage) {
    const missed = Object.entries(c.alertedNotActedBySeverity).map(([sev, n]) => `${sev} ${n}`).join(", ");
    lines.push(`| ${c.key} | ${c.labelledRooms} | ${c.alerted} | ${c.acted} | ${missed || "-"} |`);
  }
  lines.push("");
  return lines;
}

/**
 * The report's section on what the rooms a crew worked got from the shipped
 * policy through the engine (#21): the crew's room alerts acted on in the
 * room's own pipeline, next to the actions of the engine's own alerts.
 */
import type { CrewReport } from "./crew-report";
import { ratio, row, sum } from "./markdown";
import type { RoomActionScore } from "./room-actions-scoring";

export function roomActionsTable(report: CrewReport): string[] {
  const withEngine = report.results.filter((r) => r.throughEngine !== undefined);
  if (withEngine.length === 0) return [];
  const lines = [
    "### Room-level actions (the shipped policy, deploy/policy/default-policy.json)",
    "",
    "The crew detector's room alerts reach the policy in the room's own pipeline: it writes each one to the account-risk",
    "table under a key of its own (`crewRoomTableKey`), versioned by the finding's minute; the pipeline that owns the room",
    "(the room's input partition in the service, replay's one pipeline) acts on a minute's room alerts once the table's",
    "producer has passed that minute (`CrewRoomActionsStage`, libs/pipeline), in (minute, time, alert id) order, so",
    "service and replay issue the same actions with the same ids (test/integration/crew-actions.test.ts). *Engine's",
    "alerts*: worked rooms acted on for the engine's own falsification alerts (the table raising them, the only path",
    "before); *crew's room alert*: acted on for the crew's; *alert or action*: a MEDIUM+ room-level falsification alert",
    "or any action. Hard-negative rooms: rooms no crew worked where a hard-negative group was (fans, a shop's staff,",
    "raid viewers, shared audiences, households, campuses); *by the crew path*: a MEDIUM+ crew alert or crew action there;",
    "*by anything*: a MEDIUM+ alert or an action of any source but key-room actions (a key room is watched, not suspected).",
    "",
    row(["seed", "use", "worked rooms", "acted for the engine's alerts", "acted for the crew's room alert", "any action", "alert or action", "crew actions on rooms no crew worked", "hard-negative rooms", "hit by the crew path", "hit by anything"]),
    row(["---", "---", "---:", "---:", "---:", "---:", "---:", "---", "---:", "---:", "---:"]),
  ];
  const cells = (a: RoomActionScore, notWorked: string) => [a.workedRooms, a.engineActed, a.crewActed, a.anyActed, a.alertedOrActed, notWorked, a.hardNegativeRooms, a.hardNegativeRoomsCrewHit, a.hardNegativeRoomsHit];
  for (const r of withEngine) {
    const a = r.throughEngine!.roomActions;
    const use = report.reportingSeeds.includes(r.seed) ? "reporting" : "development";
    lines.push(row([r.seed, use, ...cells(a, Object.entries(a.crewActionsNotWorkedByRole).map(([role, n]) => `${role} ${n}`).join(", ") || "0")]));
  }
  const reporting = withEngine.filter((r) => report.reportingSeeds.includes(r.seed)).map((r) => r.throughEngine!.roomActions);
  if (reporting.length > 0) {
    const t = (f: (a: RoomActionScore) => number) => sum(reporting.map(f));
    const worked = t((a) => a.workedRooms);
    lines.push(
      row([
        "**reporting total**",
        "",
        worked,
        `${t((a) => a.engineActed)} (${ratio(t((a) => a.engineActed), worked)})`,
        `**${t((a) => a.crewActed)} (${ratio(t((a) => a.crewActed), worked)})**`,
        t((a) => a.anyActed),
        t((a) => a.alertedOrActed),
        `**${t((a) => sum(Object.values(a.crewActionsNotWorkedByRole)))}**`,
        t((a) => a.hardNegativeRooms),
        `**${t((a) => a.hardNegativeRoomsCrewHit)}**`,
        t((a) => a.hardNegativeRoomsHit),
      ]),
    );
  }
  return [...lines, ""];
}

import { actionKindToJSON, riskCategoryToJSON, type ControlAction } from "@redline/proto";

const short = (name: string, prefix: string): string => (name.startsWith(prefix) ? name.slice(prefix.length) : name);

/** One readable line per applied action, for the demo platform's console. */
export function formatAction(action: ControlAction): string {
  const when = new Date(action.issuedAtMs).toISOString();
  const kind = short(actionKindToJSON(action.kind), "ACTION_KIND_");
  const category = short(riskCategoryToJSON(action.category), "RISK_CATEGORY_");
  const params = Object.entries(action.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
  const target = action.targetUserId ? ` target=${action.targetUserId}` : "";
  return `${when} APPLY ${kind.padEnd(18)} room=${action.roomId}${target} ${category}/${action.subcategory}${params ? ` ${params}` : ""}${action.shadow ? " (shadow)" : ""}`;
}

import { readFileSync } from "node:fs";
import { AuditFileError } from "./errors";
import { UNKNOWN } from "./example";
import { spamRubric } from "./spam-rubric";
import type { SpamExample } from "./spam-datasets";

/**
 * The hand audit of the spam rubric (MODEL_CARD.md § "DIVERSION rubric"): a
 * deterministic sample of rows, labelled by a person reading each text
 * against the written rubric without seeing the source label or the code's
 * mapping, compared with what spam-rubric.ts says. The audit file holds row
 * ids and labels only, never the datasets' text.
 */
export const AUDIT_ROWS_PER_STRATUM = 50;
const AUDIT_SALT = 0x5eed14;

/** FNV-1a of a row id, salted: the sample does not depend on file order. */
function rowHash(rowId: string): number {
  let h = (0x811c9dc5 ^ AUDIT_SALT) >>> 0;
  for (let i = 0; i < rowId.length; i++) h = Math.imul(h ^ rowId.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * 50 rows from each of YouTube spam, YouTube ham, SMS spam and SMS ham (the
 * lowest row-id hashes), so the rare SMS spam and the mixed YouTube spam are
 * both audited; returned in hash order, which mixes the strata.
 */
export function auditSample(rows: readonly SpamExample[], perStratum = AUDIT_ROWS_PER_STRATUM): SpamExample[] {
  const strata = new Map<string, SpamExample[]>();
  for (const row of rows) {
    const key = `${row.source}/${row.sourceSaysSpam ? "spam" : "ham"}`;
    const list = strata.get(key) ?? [];
    list.push(row);
    strata.set(key, list);
  }
  const byHash = (a: SpamExample, b: SpamExample): number => rowHash(a.rowId) - rowHash(b.rowId);
  return [...strata.keys()]
    .sort()
    .flatMap((key) => [...(strata.get(key) ?? [])].sort(byHash).slice(0, perStratum))
    .sort(byHash);
}

export interface AuditLabel {
  rowId: string;
  diversion: 0 | 1;
  /** 0, 1 or UNKNOWN ("?" in the file: the text does not settle it). */
  prohibited: number;
}

/** `rowId<TAB>DIVERSION<TAB>PROHIBITED` per line, `#` comments; PROHIBITED may be `?`. */
export function parseAuditFile(content: string, fileName: string): AuditLabel[] {
  const labels: AuditLabel[] = [];
  content.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === "" || line.startsWith("#")) return;
    const [rowId, diversion, prohibited, ...rest] = line.split("\t");
    const valid = rowId !== undefined && rest.length === 0 && (diversion === "0" || diversion === "1") && ["0", "1", "?"].includes(prohibited ?? "");
    if (!valid) throw new AuditFileError(`${fileName}:${index + 1}: expected rowId<TAB>0|1<TAB>0|1|?`, { fileName, line: index + 1 });
    labels.push({ rowId, diversion: diversion === "1" ? 1 : 0, prohibited: prohibited === "?" ? UNKNOWN : Number(prohibited) });
  });
  return labels;
}

export function readAuditFile(path: string): AuditLabel[] {
  return parseAuditFile(readFileSync(path, "utf8"), path);
}

export interface AuditComparison {
  audited: number;
  missing: string[];
  diversionDisagreements: string[];
  /** Rows where both sides give PROHIBITED a value and they differ. */
  prohibitedDisagreements: string[];
  /** Rows where exactly one side leaves PROHIBITED unknown. */
  prohibitedUnknownMismatches: string[];
  /** Disagreement with the source's own spam label (DIVERSION or PROHIBITED = 1 taken as spam). */
  sourceDisagreements: string[];
}

export function compareAudit(rows: readonly SpamExample[], labels: readonly AuditLabel[]): AuditComparison {
  const byId = new Map(rows.map((r) => [r.rowId, r]));
  const result: AuditComparison = { audited: 0, missing: [], diversionDisagreements: [], prohibitedDisagreements: [], prohibitedUnknownMismatches: [], sourceDisagreements: [] };
  for (const label of labels) {
    const row = byId.get(label.rowId);
    if (row === undefined) {
      result.missing.push(label.rowId);
      continue;
    }
    result.audited++;
    const code = spamRubric(row.text, row.sourceSaysSpam);
    if (code.diversion !== label.diversion) result.diversionDisagreements.push(label.rowId);
    if (code.prohibited !== UNKNOWN && label.prohibited !== UNKNOWN && code.prohibited !== label.prohibited) result.prohibitedDisagreements.push(label.rowId);
    if ((code.prohibited === UNKNOWN) !== (label.prohibited === UNKNOWN)) result.prohibitedUnknownMismatches.push(label.rowId);
    if ((label.diversion === 1 || label.prohibited === 1) !== row.sourceSaysSpam) result.sourceDisagreements.push(label.rowId);
  }
  return result;
}

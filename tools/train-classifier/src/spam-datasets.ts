import { basename } from "node:path";
import { readDatasetFile, readRecords, requireField } from "./datasets";
import { DatasetError } from "./errors";
import { targetsOf, UNKNOWN, type Example } from "./example";
import { spamRubric } from "./spam-rubric";

/**
 * Readers for the English spam sets in `en-spam/` (CC BY 4.0), mapped by the
 * rubric in spam-rubric.ts. Every row keeps a stable id (`<video>:<comment
 * id>`, `sms:<line>`) so the hand audit can name rows without their text.
 *
 * What a spam set says about other labels: a spam message is no harassment
 * and no negative review of goods; ham is no negative review, but a YouTube
 * comment may insult someone, so ham says nothing about HARASSMENT. Neither
 * says anything about MINOR_RISK.
 */
export const YOUTUBE_VIDEOS = ["Youtube01-Psy", "Youtube02-KatyPerry", "Youtube03-LMFAO", "Youtube04-Eminem"] as const;
export const SMS_DOMAIN = "sms";

export interface SpamExample extends Example {
  /** `Youtube01-Psy` … or `sms`: the domain a leave-one-domain-out fold holds out. */
  domain: string;
  rowId: string;
  sourceSaysSpam: boolean;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " };

/** The YouTube set is published with HTML: entities, `<br />` and `<a href>` tags (the link text stays). */
export function cleanYoutubeComment(text: string): string {
  return text
    .replace(/<br\s*\/?>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name] ?? "")
    .replace(/\ufeff/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

function spamExample(text: string, spam: boolean, domain: string, rowId: string): SpamExample {
  const { diversion, prohibited } = spamRubric(text, spam);
  return {
    text,
    targets: targetsOf({
      NEGATIVE_REVIEW: 0,
      DIVERSION: diversion,
      ...(spam ? { HARASSMENT: 0 as const } : {}),
      ...(prohibited === UNKNOWN ? {} : { PROHIBITED: prohibited as 0 | 1 }),
    }),
    weight: 1,
    source: domain === SMS_DOMAIN ? "sms-spam" : "youtube-spam",
    domain,
    rowId,
    sourceSaysSpam: spam,
  };
}

export function loadYoutubeSpam(datasetsDir: string): SpamExample[] {
  return YOUTUBE_VIDEOS.flatMap((video) => {
    const path = `en-spam/${video}.csv`;
    return readRecords(datasetsDir, path)
      .map((r) => ({ id: requireField(r, "COMMENT_ID", path), text: cleanYoutubeComment(requireField(r, "CONTENT", path)), spam: requireField(r, "label", path) === "1" }))
      .filter((r) => r.text !== "")
      .map((r) => spamExample(r.text, r.spam, video, `${video}:${r.id}`));
  });
}

export function loadSmsSpam(datasetsDir: string): SpamExample[] {
  const path = "en-spam/sms-spam-collection.tsv";
  const lines = readDatasetFile(datasetsDir, path).split(/\r?\n/);
  if (lines[0]?.split("\t")[0] !== "Label") throw new DatasetError(`${basename(path)} has no Label<TAB>SMS header`, { path });
  const out: SpamExample[] = [];
  lines.forEach((line, index) => {
    if (index === 0 || line.trim() === "") return;
    const tab = line.indexOf("\t");
    const label = line.slice(0, tab);
    if (tab < 0 || (label !== "spam" && label !== "ham")) throw new DatasetError(`${path}:${index + 1}: expected spam|ham<TAB>text`, { path, line: index + 1 });
    out.push(spamExample(line.slice(tab + 1).trim(), label === "spam", SMS_DOMAIN, `sms:${index + 1}`));
  });
  return out;
}

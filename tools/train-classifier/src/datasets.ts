import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DatasetError } from "./errors";
import { parseCsvRecords } from "./csv";
import { targetsOf, type Example } from "./example";

/**
 * Readers for the shared datasets (see ../shared/datasets/README.md). They are
 * read in place and never copied into the repository.
 *
 * What a source says about labels it was not made for: a shopping review is
 * not harassment, diversion, prohibited or minor risk; a COLD or Davidson post
 * is not a negative review of goods. The risk labels without a dataset get
 * their positives from the seed files only.
 */

export function readDatasetFile(datasetsDir: string, relativePath: string): string {
  const path = join(datasetsDir, relativePath);
  if (!existsSync(path)) {
    throw new DatasetError(`dataset file ${path} is missing; pass --datasets <dir>`, { path });
  }
  return readFileSync(path, "utf8");
}

export function readRecords(datasetsDir: string, relativePath: string): Record<string, string>[] {
  return parseCsvRecords(readDatasetFile(datasetsDir, relativePath));
}

export function requireField(record: Record<string, string>, name: string, path: string): string {
  const value = record[name];
  if (value === undefined) throw new DatasetError(`dataset ${path} has no column ${name}`, { path });
  return value;
}

/** An example that knows its domain: a review's product category, a COLD post's topic. */
export interface DomainExample extends Example {
  domain: string;
}

export function loadShoppingReviews(datasetsDir: string): DomainExample[] {
  const path = "zh-reviews/online_shopping_10_cats.csv";
  const records = readRecords(datasetsDir, path);
  const counts = new Map<string, number>();
  for (const r of records) {
    const key = `${requireField(r, "cat", path)}/${requireField(r, "label", path)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return records
    .filter((r) => (r.review ?? "").trim() !== "")
    .map((r) => {
      const category = r.cat as string;
      const positive = r.label === "1";
      const same = counts.get(`${category}/${r.label}`) ?? 1;
      const other = counts.get(`${category}/${positive ? "0" : "1"}`) ?? same;
      // Balance each category's two classes so a category word ("热水器",
      // "书籍") carries no polarity of its own.
      const weight = Math.min(3, (same + other) / (2 * same));
      return {
        text: (r.review as string).replace(/^\uFEFF/, ""),
        targets: targetsOf({ NEGATIVE_REVIEW: positive ? 0 : 1, HARASSMENT: 0, DIVERSION: 0, PROHIBITED: 0, MINOR_RISK: 0 }),
        weight,
        source: "zh-reviews",
        domain: category,
      };
    });
}

function coldExamples(datasetsDir: string, file: string): DomainExample[] {
  const path = `zh-offensive/${file}`;
  return readRecords(datasetsDir, path).map((r) => ({
    text: requireField(r, "TEXT", path),
    targets: targetsOf({
      NEGATIVE_REVIEW: 0,
      HARASSMENT: requireField(r, "label", path) === "1" ? 1 : 0,
      DIVERSION: 0,
      PROHIBITED: 0,
      MINOR_RISK: 0,
    }),
    weight: 1,
    source: "cold",
    domain: requireField(r, "topic", path),
  }));
}

export function loadColdTrain(datasetsDir: string): DomainExample[] {
  return coldExamples(datasetsDir, "cold-train.csv");
}

export function loadColdDev(datasetsDir: string): DomainExample[] {
  return coldExamples(datasetsDir, "cold-dev.csv");
}

const HTML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" };

/**
 * Twitter residue (retweet markers, @mentions, links, HTML entities) occurs in
 * every Davidson class; left in, it would teach that handles and links are
 * ordinary, the opposite of what DIVERSION needs.
 */
export function cleanTweet(tweet: string): string {
  return tweet
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => HTML_ENTITIES[name] ?? "")
    .replace(/&#\d+;/g, " ")
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/\bRT\b/g, " ")
    .replace(/@\w+:?/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export function loadDavidson(datasetsDir: string): Example[] {
  const path = "en-offensive/davidson-labeled.csv";
  return readRecords(datasetsDir, path)
    .map((r) => ({ text: cleanTweet(requireField(r, "tweet", path)), cls: requireField(r, "class", path) }))
    .filter((r) => r.text !== "")
    .map((r) => ({
      text: r.text,
      targets: targetsOf({
        NEGATIVE_REVIEW: 0,
        // Classes 0 (hate speech) and 1 (offensive) are HARASSMENT; 2 is neither.
        HARASSMENT: r.cls === "2" ? 0 : 1,
        DIVERSION: 0,
        PROHIBITED: 0,
        MINOR_RISK: 0,
      }),
      weight: 1,
      source: "davidson",
    }));
}

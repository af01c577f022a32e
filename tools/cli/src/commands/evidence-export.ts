/**
 * `redline evidence export (--alert ID | --room ID --from T --to T) --out FILE`
 *
 * Streams an evidence bundle from the archive in ClickHouse into FILE,
 * signed with the key REDLINE_EVIDENCE_SIGNING_KEY_FILE names. Written to
 * FILE.partial and renamed when complete, so a failed export leaves no file
 * that looks finished. A progress bar (rows read) goes to stderr on a terminal.
 */
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { ClickHouseEvidenceSource } from "@redline/archive";
import { ClickHouseClient, loadClickHouseConfig } from "@redline/clickhouse";
import { EvidenceBundleWriter, exportEvidence, type EvidenceScope } from "@redline/evidence-bundle";
import { createProgress } from "@redline/progress";
import { EXIT_CODES, type CommandContext } from "../command";
import { loadSigningKey } from "./evidence-signing-key";

export interface EvidenceExportOptions {
  alert?: string;
  room?: string;
  /** Unix ms, parsed by the command's definition. */
  from?: number;
  to?: number;
  out: string;
}

/** The scope the flags ask for, or a usage message. */
export function scopeOf(o: EvidenceExportOptions): EvidenceScope | string {
  if (o.alert !== undefined) return { kind: "alert", alertId: o.alert };
  if (o.room === undefined) return "give --alert ID, or --room ID with --from and --to";
  if (o.from === undefined || o.to === undefined) return "--room needs --from and --to";
  if (o.to <= o.from) return "--to must be after --from";
  return { kind: "room", roomId: o.room, fromMs: o.from, toMs: o.to };
}

export async function run(o: EvidenceExportOptions, ctx: CommandContext): Promise<number> {
  const scope = scopeOf(o);
  if (typeof scope === "string") {
    ctx.stderr.write(`redline evidence export: ${scope}\n`);
    return EXIT_CODES.usage;
  }
  let key;
  let ch;
  try {
    key = loadSigningKey(ctx.env);
    ch = loadClickHouseConfig(ctx.env);
  } catch (err) {
    ctx.stderr.write(`redline evidence export: ${(err as Error).message}\n`);
    return EXIT_CODES.usage;
  }
  const db = new ClickHouseClient({ url: ch.url, database: ch.database, user: ch.user, password: ch.password, requestTimeoutMs: ch.requestTimeoutMs });
  const partial = `${o.out}.partial`;
  const bar = createProgress({ stream: ctx.stderr, unit: "rows" });
  const exportedAtMs = Date.now();
  try {
    const writer = new EvidenceBundleWriter(createWriteStream(partial), key, new Date(exportedAtMs));
    const summary = await exportEvidence(new ClickHouseEvidenceSource(db), scope, writer, {
      exportedAtMs,
      onProgress: (c) => bar.update(c.alerts + c.events + c.actions + c.reviews, `${c.events} events`),
    });
    bar.stop();
    await rename(partial, o.out);
    const c = summary.counts;
    ctx.stdout.write(
      `wrote ${o.out}: ${summary.itemCount} items (${c.alerts} alerts, ${c.events} events, ${c.actions} actions with ${c.outcomes} delivery outcomes, ${c.reviews} reviews), head ${summary.headHash}\n`,
    );
    if (summary.missingEventIds.length > 0) {
      ctx.stderr.write(`redline evidence export: ${summary.missingEventIds.length} cited event(s) are not in the archive (listed in summary.json)\n`);
    }
    return EXIT_CODES.ok;
  } catch (err) {
    bar.stop();
    await rm(partial, { force: true });
    ctx.stderr.write(`redline evidence export: ${(err as Error).message}\n`);
    return EXIT_CODES.failed;
  }
}

import type { EvidenceBundleWriter } from "./bundle-writer";

export interface ChunkLimits {
  maxLines: number;
  maxBytes: number;
}

export const DEFAULT_CHUNK_LIMITS: ChunkLimits = Object.freeze({ maxLines: 1000, maxBytes: 4 * 1024 * 1024 });

/**
 * Groups JSON lines into numbered items (`events/000001.jsonl`, …): one item
 * per row would make the manifest as long as the room's day, one item for
 * all would hold it in memory. A chunk is written when it is full.
 */
export class JsonlChunks {
  private lines: string[] = [];
  private bytes = 0;
  private sequence = 0;
  private total = 0;

  constructor(
    private readonly writer: EvidenceBundleWriter,
    private readonly folder: string,
    private readonly limits: ChunkLimits = DEFAULT_CHUNK_LIMITS,
  ) {}

  async add(value: unknown): Promise<void> {
    const line = `${JSON.stringify(value)}\n`;
    this.lines.push(line);
    this.bytes += Buffer.byteLength(line);
    this.total++;
    if (this.lines.length >= this.limits.maxLines || this.bytes >= this.limits.maxBytes) await this.flush();
  }

  /** Rows added so far. */
  get count(): number {
    return this.total;
  }

  async flush(): Promise<void> {
    if (this.lines.length === 0) return;
    this.sequence++;
    const name = `${this.folder}/${String(this.sequence).padStart(6, "0")}.jsonl`;
    const content = Buffer.from(this.lines.join(""), "utf8");
    this.lines = [];
    this.bytes = 0;
    await this.writer.addItem(name, content);
  }
}

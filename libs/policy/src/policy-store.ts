/**
 * Holds the current policy and reloads it when its file changes. A new
 * version is validated in full before it replaces the old one in a single
 * assignment, so a decision never sees half a policy; a bad file is
 * reported through `onError` and the previous policy stays in force.
 */
import { readFileSync, statSync } from "node:fs";
import { PolicyError, PolicyLoadError } from "./errors";
import type { Policy } from "./policy-types";
import type { PolicySource } from "./policy-runner";
import { parsePolicyText } from "./validate-policy";

export interface PolicyStoreOptions {
  /** How often the watcher stats the file. */
  pollIntervalMs?: number;
  /** Background reload failures land here; the store never throws from the watcher. */
  onError?: (err: PolicyError) => void;
  onReload?: (policy: Policy, previous: Policy) => void;
  readFile?: (path: string) => string;
  /** What identifies a version of the file; a change triggers a reload. Defaults to mtime, size and inode. */
  stampFile?: (path: string) => string;
}

function defaultStamp(path: string): string {
  const st = statSync(path);
  return `${st.mtimeMs}:${st.size}:${st.ino}`;
}

/** A source that never changes: tests, and `redline replay`. */
export function fixedPolicy(policy: Policy): PolicySource {
  return { current: () => policy };
}

export function loadPolicyFile(path: string, readFile: (path: string) => string = (p) => readFileSync(p, "utf8")): Policy {
  let text: string;
  try {
    text = readFile(path);
  } catch (err) {
    throw new PolicyLoadError(path, `cannot read: ${(err as Error).message}`, err);
  }
  return parsePolicyText(text, path);
}

export class PolicyStore implements PolicySource {
  private policy: Policy;
  private timer: NodeJS.Timeout | undefined;

  private constructor(readonly path: string, initial: Policy, private stamp: string, private readonly options: PolicyStoreOptions) {
    this.policy = initial;
  }

  /** Loads the file now; throws if the first version is unreadable or invalid (start-up should fail). */
  static load(path: string, options: PolicyStoreOptions = {}): PolicyStore {
    // Stamp before reading: an edit landing during the read shows up as a change on the next poll.
    const stamp = PolicyStore.stampOf(path, options);
    return new PolicyStore(path, loadPolicyFile(path, options.readFile), stamp, options);
  }

  private static stampOf(path: string, options: PolicyStoreOptions): string {
    try {
      return (options.stampFile ?? defaultStamp)(path);
    } catch (err) {
      throw new PolicyLoadError(path, `cannot stat: ${(err as Error).message}`, err);
    }
  }

  current(): Policy {
    return this.policy;
  }

  /** Rereads the file; true when a valid policy replaced the current one, false (and `onError`) otherwise. */
  reload(): boolean {
    let next: Policy;
    try {
      next = loadPolicyFile(this.path, this.options.readFile);
    } catch (err) {
      const e = err instanceof PolicyError ? err : new PolicyLoadError(this.path, "unexpected failure", err);
      this.options.onError?.(e);
      return false;
    }
    const previous = this.policy;
    this.policy = next;
    this.options.onReload?.(next, previous);
    return true;
  }

  /** Reloads if the file changed since the last load or check; a stat failure (file being replaced) is reported once. */
  checkForChange(): boolean {
    let stamp: string;
    try {
      stamp = PolicyStore.stampOf(this.path, this.options);
    } catch (err) {
      if (this.stamp !== "unreadable") this.options.onError?.(err as PolicyLoadError);
      this.stamp = "unreadable";
      return false;
    }
    if (stamp === this.stamp) return false;
    this.stamp = stamp;
    return this.reload();
  }

  /**
   * Starts polling the file. Stat polling against the stamp taken at load
   * (rather than `fs.watchFile`, whose baseline is taken asynchronously)
   * cannot miss an edit made between loading and watching, and sees edits
   * made by renaming a new file into place.
   */
  watch(): this {
    if (this.timer === undefined) {
      this.timer = setInterval(() => this.checkForChange(), this.options.pollIntervalMs ?? 2_000);
      this.timer.unref();
    }
    return this;
  }

  close(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}

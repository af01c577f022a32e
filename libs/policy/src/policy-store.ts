/**
 * Holds the current policy and reloads it when its file changes. A new
 * version is validated in full before it replaces the old one in a single
 * assignment, so a decision never sees half a policy; a bad file is
 * reported through `onError` and the previous policy stays in force.
 */
import { readFileSync, unwatchFile, watchFile } from "node:fs";
import type { Stats } from "node:fs";
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
  private watching = false;
  private readonly listener = (curr: Stats, prev: Stats): void => {
    if (curr.mtimeMs !== prev.mtimeMs || curr.size !== prev.size) this.reload();
  };

  private constructor(readonly path: string, initial: Policy, private readonly options: PolicyStoreOptions) {
    this.policy = initial;
  }

  /** Loads the file now; throws if the first version is unreadable or invalid (start-up should fail). */
  static load(path: string, options: PolicyStoreOptions = {}): PolicyStore {
    return new PolicyStore(path, loadPolicyFile(path, options.readFile), options);
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

  /** Starts polling the file (`fs.watchFile`, which also sees edits made by renaming a new file into place). */
  watch(): this {
    if (!this.watching) {
      watchFile(this.path, { interval: this.options.pollIntervalMs ?? 2_000, persistent: false }, this.listener);
      this.watching = true;
    }
    return this;
  }

  close(): void {
    if (this.watching) unwatchFile(this.path, this.listener);
    this.watching = false;
  }
}

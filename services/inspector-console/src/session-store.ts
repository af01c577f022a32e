import { evictOldest } from "@redline/common";
import { randomBytes } from "node:crypto";
import type { Principal } from "@redline/grpc";

export interface Session {
  readonly id: string;
  readonly principal: Principal;
  /** The bearer token the console forwards to the gateway; it never leaves the server. */
  readonly token: string;
  lastUsedMs: number;
}

export interface SessionStoreOptions {
  idleMs: number;
  maxSessions: number;
  nowMs?: () => number;
}

/**
 * Signed-in browsers, in memory: the browser holds only a random session id in
 * an HttpOnly cookie, so the gateway token is never in a URL, a page, a script
 * or a log. A restart signs everyone out, which is the safe direction.
 */
export class SessionStore {
  /** Insertion order is use order: the first entry is the least recently used. */
  private readonly sessions = new Map<string, Session>();
  private readonly nowMs: () => number;

  constructor(private readonly opts: SessionStoreOptions) {
    this.nowMs = opts.nowMs ?? Date.now;
  }

  get size(): number {
    return this.sessions.size;
  }

  create(principal: Principal, token: string): Session {
    const session: Session = { id: randomBytes(32).toString("base64url"), principal, token, lastUsedMs: this.nowMs() };
    this.sessions.set(session.id, session);
    evictOldest(this.sessions, this.opts.maxSessions);
    return session;
  }

  /** The live session with this id, touched; undefined when unknown or idle too long. */
  get(id: string | undefined): Session | undefined {
    if (id === undefined) return undefined;
    const session = this.sessions.get(id);
    if (session === undefined) return undefined;
    const now = this.nowMs();
    this.sessions.delete(id);
    if (now - session.lastUsedMs > this.opts.idleMs) return undefined;
    session.lastUsedMs = now;
    this.sessions.set(id, session);
    return session;
  }

  delete(id: string | undefined): void {
    if (id !== undefined) this.sessions.delete(id);
  }
}

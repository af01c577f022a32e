import { SessionStore } from "./session-store";

describe("SessionStore", () => {
  const inspector = { id: "alice", role: "inspector" as const };
  let now = 0;
  const store = (maxSessions = 10) => new SessionStore({ idleMs: 1000, maxSessions, nowMs: () => now });

  beforeEach(() => {
    now = 1_000_000;
  });

  it("finds a session by its random id and keeps the token on the server side", () => {
    const s = store();
    const a = s.create(inspector, "alice-token-0123456789");
    const b = s.create(inspector, "alice-token-0123456789");
    expect(a.id).not.toEqual(b.id);
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.id).not.toContain("alice");
    expect(s.get(a.id)?.token).toBe("alice-token-0123456789");
    expect(s.get("forged")).toBeUndefined();
    expect(s.get(undefined)).toBeUndefined();
  });

  it("expires a session left idle longer than idleMs, and use keeps it alive", () => {
    const s = store();
    const kept = s.create(inspector, "t-0123456789abcdef");
    const idle = s.create(inspector, "t-0123456789abcdef");
    now += 800;
    expect(s.get(kept.id)).toBeDefined();
    now += 800;
    expect(s.get(kept.id)).toBeDefined();
    expect(s.get(idle.id)).toBeUndefined();
    expect(s.size).toBe(1);
  });

  it("drops the least recently used session beyond maxSessions, and signs out on delete", () => {
    const s = store(2);
    const first = s.create(inspector, "t-0123456789abcdef");
    const second = s.create(inspector, "t-0123456789abcdef");
    s.get(first.id);
    const third = s.create(inspector, "t-0123456789abcdef");
    expect([s.get(first.id), s.get(second.id), s.get(third.id)].map((x) => x !== undefined)).toEqual([true, false, true]);
    s.delete(first.id);
    expect(s.get(first.id)).toBeUndefined();
  });
});

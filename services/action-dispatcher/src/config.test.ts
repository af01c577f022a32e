import { loadConfig } from "./config";

describe("action-dispatcher config", () => {
  it("serves an unauthenticated ActionFeed on loopback only (the demo)", () => {
    expect(loadConfig({}).actionFeedTokens.size).toBe(0);
    expect(loadConfig({ REDLINE_ACTION_FEED_ADDRESS: "localhost:7071" }).actionFeedAddress).toBe("localhost:7071");
    expect(loadConfig({ REDLINE_ACTION_FEED_ADDRESS: "[::1]:7071" }).actionFeedAddress).toBe("[::1]:7071");
  });

  it.each(["0.0.0.0:7071", "10.0.0.5:7071", "[::]:7071", "dispatcher.internal:7071"])(
    "refuses an ActionFeed on %s without tokens, naming the variable",
    (address) => {
      expect(() => loadConfig({ REDLINE_ACTION_FEED_ADDRESS: address })).toThrow(/REDLINE_ACTION_FEED_TOKENS is required when REDLINE_ACTION_FEED_ADDRESS/);
    },
  );

  it("serves beyond loopback with tokens, or not at all with an empty address", () => {
    const cfg = loadConfig({ REDLINE_ACTION_FEED_ADDRESS: "0.0.0.0:7071", REDLINE_ACTION_FEED_TOKENS: "shop:reader:shop-feed-token-0123456789" });
    expect(cfg.actionFeedTokens.find("shop-feed-token-0123456789")).toEqual({ id: "shop", role: "reader" });
    expect(loadConfig({ REDLINE_ACTION_FEED_ADDRESS: "" }).actionFeedAddress).toBe("");
    expect(loadConfig({ REDLINE_ACTION_FEED_ADDRESS: " " }).actionFeedAddress).toBe("");
  });

  it("refuses an Apply deadline the group's session cannot sit through, and a backoff whose start is past its cap", () => {
    // Nothing heartbeats while one Apply waits on its deadline: a longer one costs the member its partitions mid-call.
    expect(() => loadConfig({ REDLINE_DISPATCHER_APPLY_DEADLINE_MS: "45000" })).toThrow(/REDLINE_DISPATCHER_APPLY_DEADLINE_MS .*REDLINE_DISPATCHER_SESSION_TIMEOUT_MS/);
    expect(() => loadConfig({ REDLINE_DISPATCHER_APPLY_DEADLINE_MS: "20000", REDLINE_DISPATCHER_SESSION_TIMEOUT_MS: "10000" })).toThrow(/REDLINE_DISPATCHER_APPLY_DEADLINE_MS/);
    expect(loadConfig({ REDLINE_DISPATCHER_APPLY_DEADLINE_MS: "20000", REDLINE_DISPATCHER_SESSION_TIMEOUT_MS: "60000" }).delivery.deadlineMs).toBe(20_000);
    expect(() => loadConfig({ REDLINE_DISPATCHER_INITIAL_BACKOFF_MS: "60000" })).toThrow(/REDLINE_DISPATCHER_INITIAL_BACKOFF_MS .*REDLINE_DISPATCHER_MAX_BACKOFF_MS/);
  });
});

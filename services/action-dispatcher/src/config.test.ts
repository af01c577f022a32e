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
});

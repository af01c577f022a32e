import { loadConfig } from "./config";

describe("loadConfig", () => {
  const tokens = "alice:inspector:alice-token-0123456789,eve:reader:eve-token-0123456789";

  it("reads the defaults and the gateway's tokens", () => {
    const config = loadConfig({ REDLINE_GATEWAY_TOKENS: tokens });
    expect(config.address).toEqual({ host: "127.0.0.1", port: 7080 });
    expect(config.gatewayAddress).toBe("127.0.0.1:7070");
    expect(config.tokens.find("eve-token-0123456789")).toEqual({ id: "eve", role: "reader" });
    expect(config.secureCookie).toBe(false);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("names the variable at fault", () => {
    expect(() => loadConfig({})).toThrow(/REDLINE_GATEWAY_TOKENS is required/);
    expect(() => loadConfig({ REDLINE_GATEWAY_TOKENS: tokens, REDLINE_CONSOLE_ADDRESS: "7080" })).toThrow(/REDLINE_CONSOLE_ADDRESS must be host:port/);
    expect(() => loadConfig({ REDLINE_GATEWAY_TOKENS: tokens, REDLINE_CONSOLE_SESSION_IDLE_MS: "soon" })).toThrow(/REDLINE_CONSOLE_SESSION_IDLE_MS/);
    expect(() => loadConfig({ REDLINE_GATEWAY_TOKENS: "x:guest:guest-token-0123456789" })).toThrow(/REDLINE_GATEWAY_TOKENS entries/);
  });
});

import { loadConfig } from "./config";

const TOKENS = "alice:inspector:alice-token-0123456789";

describe("alert-gateway config", () => {
  it("has working defaults once tokens are given", () => {
    const cfg = loadConfig({ REDLINE_GATEWAY_TOKENS: TOKENS });
    expect(cfg).toMatchObject({
      address: "127.0.0.1:7070",
      alertsTopic: "risk.alerts",
      feedbackTopic: "risk.feedback",
      maxQueuedAlertsPerClient: 1000,
      ringCapacity: 10_000,
      maxReceiveMessageBytes: 512 * 1024,
      maxTailsPerClient: 16,
    });
    expect(cfg.tokens.find("alice-token-0123456789")).toEqual({ id: "alice", role: "inspector" });
    expect(cfg.evidenceClickHouse?.database).toBe("redline");
    expect(Object.isFrozen(cfg)).toBe(true);
  });

  it("refuses to start without tokens, naming the variable", () => {
    expect(() => loadConfig({})).toThrow(/REDLINE_GATEWAY_TOKENS is required/);
  });

  it("refuses a per-client queue larger than the shared ring, suggesting the fix", () => {
    expect(() =>
      loadConfig({ REDLINE_GATEWAY_TOKENS: TOKENS, REDLINE_GATEWAY_RING_CAPACITY: "100", REDLINE_GATEWAY_MAX_QUEUED_ALERTS: "200" }),
    ).toThrow(/REDLINE_GATEWAY_MAX_QUEUED_ALERTS .*must not exceed REDLINE_GATEWAY_RING_CAPACITY/);
  });

  it("refuses limits out of range, naming the variable", () => {
    expect(() => loadConfig({ REDLINE_GATEWAY_TOKENS: TOKENS, REDLINE_GATEWAY_MAX_TAILS_PER_CLIENT: "0" })).toThrow(/REDLINE_GATEWAY_MAX_TAILS_PER_CLIENT/);
    expect(() => loadConfig({ REDLINE_GATEWAY_TOKENS: TOKENS, REDLINE_GATEWAY_MAX_MESSAGE_BYTES: "1mb" })).toThrow(/REDLINE_GATEWAY_MAX_MESSAGE_BYTES/);
  });

  it("can run without an evidence store", () => {
    expect(loadConfig({ REDLINE_GATEWAY_TOKENS: TOKENS, REDLINE_GATEWAY_EVIDENCE_STORE: "none" }).evidenceClickHouse).toBeUndefined();
  });

  it("refuses half a TLS key pair", () => {
    expect(() => loadConfig({ REDLINE_GATEWAY_TOKENS: TOKENS, REDLINE_GATEWAY_TLS_CERT_FILE: "/tmp/cert.pem" })).toThrow(
      /REDLINE_GATEWAY_TLS_CERT_FILE and REDLINE_GATEWAY_TLS_KEY_FILE must be set together/,
    );
  });
});

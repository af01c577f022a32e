import { EnvReader } from "@redline/common";

export interface KafkaConfig {
  brokers: readonly string[];
  clientId: string;
  connectionTimeoutMs: number;
  requestTimeoutMs: number;
  /** TLS to the brokers; SASL is left to a later need. */
  ssl: boolean;
}

/** Reads REDLINE_KAFKA_* from `env`; throws `ConfigError` naming the bad variable. */
export function loadKafkaConfig(env: Readonly<Record<string, string | undefined>>, clientId: string): KafkaConfig {
  const r = new EnvReader(env);
  const brokers = r.list("REDLINE_KAFKA_BROKERS", ["127.0.0.1:9092"]);
  return Object.freeze({
    brokers: Object.freeze(brokers),
    clientId: r.string("REDLINE_KAFKA_CLIENT_ID", clientId),
    connectionTimeoutMs: r.timerMs("REDLINE_KAFKA_CONNECTION_TIMEOUT_MS", 3000, { min: 100 }),
    requestTimeoutMs: r.timerMs("REDLINE_KAFKA_REQUEST_TIMEOUT_MS", 30000, { min: 100 }),
    ssl: r.bool("REDLINE_KAFKA_SSL", false),
  });
}

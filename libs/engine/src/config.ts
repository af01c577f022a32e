/**
 * Engine configuration: defaults in one place, validated once at
 * construction with messages that name the option and suggest the fix.
 */
import { isTextLabel } from "@redline/text-classifier";
import { EngineConfigError } from "./errors";
import { DEFAULT_FALSIFICATION_CONFIG } from "./detectors/falsification-config";
import type { FalsificationConfig } from "./detectors/falsification-config";
import { DEFAULT_CONTENT_CONFIG } from "./detectors/content-config";
import type { ContentConfig } from "./detectors/content-config";

export interface EngineConfig {
  /** Events are held until the watermark (max event time seen minus this) passes them. */
  allowedLatenessMs: number;
  /**
   * A repeated room + event id is dropped while its event time is within this
   * long behind the watermark (0: no duplicate detection). Costs about 20 bytes
   * per event in the window, in memory and in each snapshot.
   */
  dedupeWindowMs: number;
  /** A room's state is released this long after its ROOM_ENDED event. */
  roomGraceMs: number;
  /** ...or after this long without events. A room that comes back later starts fresh. */
  roomIdleMs: number;
  /** Hard cap on rooms held at once; the oldest is released beyond it. */
  maxRooms: number;
  /** Per-room caps on tracked accounts, devices and payment/address keys. */
  maxAccountsPerRoom: number;
  maxDevicesPerRoom: number;
  maxOrderKeysPerRoom: number;
  /** Detectors re-evaluate a room at most this often in event time. */
  evaluateEveryMs: number;
  /** After an alert, the same room and subcategory stay quiet this long (one episode). */
  alertCooldownMs: number;
  maxEvidenceIds: number;
  /** The detectors' rules version, bumped when their logic changes, so an alert names the logic that raised it. */
  modelVersion: string;
  falsification: FalsificationConfig;
  content: ContentConfig;
}

export const DEFAULT_ENGINE_CONFIG: Readonly<EngineConfig> = Object.freeze({
  allowedLatenessMs: 5_000,
  roomGraceMs: 60_000,
  roomIdleMs: 15 * 60_000,
  maxRooms: 50_000,
  maxAccountsPerRoom: 8_192,
  maxDevicesPerRoom: 8_192,
  maxOrderKeysPerRoom: 2_048,
  evaluateEveryMs: 1_000,
  dedupeWindowMs: 30_000,
  alertCooldownMs: 30 * 60_000,
  maxEvidenceIds: 20,
  modelVersion: "redline-rules-22",
  falsification: DEFAULT_FALSIFICATION_CONFIG,
  content: DEFAULT_CONTENT_CONFIG,
});

export function resolveEngineConfig(partial: Partial<EngineConfig> = {}): Readonly<EngineConfig> {
  const cfg: EngineConfig = {
    ...DEFAULT_ENGINE_CONFIG,
    ...partial,
    falsification: { ...DEFAULT_FALSIFICATION_CONFIG, ...(partial.falsification ?? {}) },
    content: { ...DEFAULT_CONTENT_CONFIG, ...(partial.content ?? {}) },
  };
  const nonNegative: Array<keyof EngineConfig> = ["allowedLatenessMs", "roomGraceMs", "dedupeWindowMs"];
  for (const key of nonNegative) {
    const v = cfg[key] as number;
    if (!Number.isFinite(v) || v < 0) throw new EngineConfigError(key, `must be a finite number >= 0, got ${v}`);
  }
  const positiveInts: Array<keyof EngineConfig> = [
    "roomIdleMs", "maxRooms", "maxAccountsPerRoom", "maxDevicesPerRoom", "maxOrderKeysPerRoom", "evaluateEveryMs", "alertCooldownMs", "maxEvidenceIds",
  ];
  for (const key of positiveInts) {
    const v = cfg[key] as number;
    if (!Number.isInteger(v) || v < 1) throw new EngineConfigError(key, `must be an integer >= 1, got ${v}`);
  }
  if (cfg.roomIdleMs <= cfg.allowedLatenessMs) {
    throw new EngineConfigError("roomIdleMs", `must exceed allowedLatenessMs (${cfg.allowedLatenessMs}) or rooms would be released before their late events arrive`);
  }
  // Operator thresholds also arrive from code (replay, the eval), not only through REDLINE_TEXT_THRESHOLDS's parser.
  for (const [label, v] of Object.entries(cfg.content.labelThresholds)) {
    if (!isTextLabel(label) || !(typeof v === "number" && v > 0 && v < 1)) throw new EngineConfigError(`content.labelThresholds.${label}`, `must be a text label's threshold in (0, 1), got ${String(v)}`);
  }
  if (cfg.modelVersion.length === 0) throw new EngineConfigError("modelVersion", "must not be empty; alerts carry it for audit");
  return Object.freeze(cfg);
}

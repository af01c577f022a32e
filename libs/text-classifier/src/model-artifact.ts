import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { endianness } from "node:os";
import { ModelArtifactError } from "./errors";
import { FEATURE_SPEC_VERSION } from "./features";
import { LABEL_COUNT, TEXT_LABELS, type TextLabel } from "./labels";

/**
 * The committed artifact is two files: `<name>.json` (this header: settings,
 * calibration, metrics) and `<name>.weights.bin` (little-endian int16 weights,
 * feature-major: the LABEL_COUNT weights of one hashed feature are adjacent so
 * one cache line serves all labels).
 */
export const ARTIFACT_FORMAT = "redline-text-classifier/1";

/** 1/√n: every label's length scaling unless its parameters say otherwise. */
export const DEFAULT_LENGTH_EXPONENT = 0.5;

export interface LabelParameters {
  /** Raw-score intercept learned with the weights. */
  bias: number;
  /** Multiplier turning the int16 weight sums back into raw-score units. */
  weightScale: number;
  /** Platt scaling: probability = sigmoid(plattA * raw + plattB). */
  plattA: number;
  plattB: number;
  /**
   * The raw score sums the text's n feature weights × n^-lengthExponent;
   * 0.5 (1/√n) when absent, as in every committed model so far. Another
   * exponent changes how much a long text's many ordinary n-grams outweigh
   * its few telling ones; measured per label for issue 14 (MODEL_CARD.md,
   * "Length scaling").
   */
  lengthExponent?: number;
}

export interface ModelHeader {
  format: typeof ARTIFACT_FORMAT;
  version: string;
  featureSpecVersion: number;
  hashBits: number;
  labels: TextLabel[];
  parameters: Record<TextLabel, LabelParameters>;
  /** Decision threshold per label on the calibrated score (0.5 by construction); the runtime's default, under REDLINE_TEXT_THRESHOLDS. */
  thresholds: Record<TextLabel, number>;
  weightsFile: string;
  weightsSha256: string;
  /** Free-form training record (data, splits, metrics); not read at inference. */
  training?: unknown;
}

export interface ModelArtifact {
  header: ModelHeader;
  weights: Int16Array;
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

const LITTLE_ENDIAN = endianness() === "LE";

export function weightsToBytes(weights: Int16Array): Buffer {
  if (LITTLE_ENDIAN) return Buffer.from(new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength));
  const bytes = Buffer.alloc(weights.length * 2);
  for (let i = 0; i < weights.length; i++) bytes.writeInt16LE(weights[i] as number, i * 2);
  return bytes;
}

/** A copy, so the weights are aligned whatever the Buffer's offset in Node's pool. */
function bytesToWeights(bytes: Buffer): Int16Array {
  const weights = new Int16Array(bytes.length / 2);
  if (LITTLE_ENDIAN) new Uint8Array(weights.buffer).set(bytes);
  else for (let i = 0; i < weights.length; i++) weights[i] = bytes.readInt16LE(i * 2);
  return weights;
}

export function weightsDigest(weights: Int16Array): string {
  return sha256(weightsToBytes(weights));
}

/** Reads and checks an artifact; throws ModelArtifactError naming the file and what is wrong. */
export function readModelArtifact(headerPath: string, weightsPath: string): ModelArtifact {
  let header: ModelHeader;
  let bytes: Buffer;
  try {
    header = JSON.parse(readFileSync(headerPath, "utf8")) as ModelHeader;
    bytes = readFileSync(weightsPath);
  } catch (err) {
    throw new ModelArtifactError(`cannot read text classifier artifact: ${(err as Error).message}`, { headerPath, weightsPath }, err);
  }
  const context = { headerPath, weightsPath };
  if (header.format !== ARTIFACT_FORMAT) {
    throw new ModelArtifactError(`artifact format ${String(header.format)} is not ${ARTIFACT_FORMAT}`, context);
  }
  if (header.featureSpecVersion !== FEATURE_SPEC_VERSION) {
    throw new ModelArtifactError(
      `artifact was trained with feature spec ${header.featureSpecVersion}, this code extracts ${FEATURE_SPEC_VERSION}: retrain with npm run train:classifier`,
      context,
    );
  }
  if (header.labels.join() !== TEXT_LABELS.join()) {
    throw new ModelArtifactError(`artifact labels ${header.labels.join()} differ from ${TEXT_LABELS.join()}`, context);
  }
  // The engine and `redline classify` decide by these unless an operator overrides them (issue 14).
  for (const label of TEXT_LABELS) {
    const t = header.thresholds?.[label];
    if (typeof t !== "number" || !(t > 0 && t < 1)) {
      throw new ModelArtifactError(`artifact threshold for ${label} must be a number between 0 and 1 (exclusive), got ${String(t)}`, context);
    }
  }
  const expectedBytes = (1 << header.hashBits) * LABEL_COUNT * 2;
  if (bytes.length !== expectedBytes) {
    throw new ModelArtifactError(`weights file has ${bytes.length} bytes, expected ${expectedBytes}`, context);
  }
  if (sha256(bytes) !== header.weightsSha256) {
    throw new ModelArtifactError("weights file does not match the sha256 in its header", context);
  }
  return { header, weights: bytesToWeights(bytes) };
}

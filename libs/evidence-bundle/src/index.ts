/**
 * @redline/evidence-bundle — evidence that proves itself: a tar of archived
 * items (alerts, events with their original Kafka records, actions with
 * delivery outcomes, reviews, versions), a manifest of SHA-256 hashes chained
 * in order, and an Ed25519 signature of the chain's head and item count.
 * Pure: reads through an `EvidenceSource`, writes to any stream.
 *
 * @example
 * const key = parseSigningKey(readFileSync(keyFile), keyFile);
 * const writer = new EvidenceBundleWriter(createWriteStream("alert.tar"), key, new Date());
 * await exportEvidence(source, { kind: "alert", alertId }, writer, { exportedAtMs: Date.now() });
 * await verifyBundle(createReadStream("alert.tar"), parsePublicKey(publishedKey)); // throws naming what broke
 */
export { EvidenceBundleWriter } from "./bundle-writer";
export type { BundleSummary } from "./bundle-writer";
export { verifyBundle } from "./bundle-verifier";
export type { VerifiedBundle } from "./bundle-verifier";
export { BundleVerificationError, CorruptEvidenceError, EvidenceKeyError, EvidenceNotFoundError } from "./errors";
export type { BundleDefect } from "./errors";
export { deliveryStatus } from "./delivery-status";
export type { DeliveryStatus } from "./delivery-status";
export type {
  ArchivedAction,
  ArchivedAlert,
  ArchivedEvent,
  ArchivedOutcome,
  ArchivedRecord,
  ArchivedReview,
  EvidenceSource,
  TimeRange,
} from "./evidence-source";
export { DELIVERY_NOTE, exportEvidence } from "./export-evidence";
export type { EvidenceScope, ExportCounts, ExportOptions, ExportSummary } from "./export-evidence";
export { BUNDLE_FORMAT, chainLink, CHAIN_ROOT, MANIFEST_ENTRY, signedText } from "./manifest";
export type { Manifest, ManifestItem, ManifestSignature } from "./manifest";
export { parsePublicKey, parseSigningKey, publicKeyText } from "./signing";

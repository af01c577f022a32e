/**
 * @redline/demo-platform — a stand-in for a platform's ControlPlane: it
 * dedupes by actionId, records every raw call, can fail or reject on demand,
 * and prints every Apply with its action id and whether it was a repeat. The demo runs it; the tests use it as the peer.
 *
 * @example
 * const platform = new RecordingControlPlane();
 * const port = await platform.start("127.0.0.1:0");
 * platform.failNextCalls(3); // UNAVAILABLE three times
 */
export { formatAction } from "./format-action";
export { RecordingControlPlane } from "./recording-control-plane";
export type { RecordedCall, RecordingControlPlaneOptions } from "./recording-control-plane";

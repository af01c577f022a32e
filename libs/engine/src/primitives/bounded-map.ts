// Moved to @redline/common (#13). Kept only until detectors/cohort-state.ts, which has
// uncommitted work of another session, imports from there; then this file goes.
export { boundedUpsert, evictOldest, setMostRecent } from "@redline/common";

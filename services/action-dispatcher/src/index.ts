/**
 * @redline/action-dispatcher — applies control actions on the platform's
 * ControlPlane (push) and serves ActionFeed (pull). Run
 * `node services/action-dispatcher/dist/main.js`; embed with
 * `startDispatcher(loadConfig(env), { logger })` (the integration tests do).
 */
export { startDispatcher } from "./dispatcher";
export type { Dispatcher, DispatcherDeps } from "./dispatcher";
export { loadConfig } from "./config";
export type { DispatcherConfig } from "./config";
export { CountingDispatcherMetrics } from "./metrics";
export type { DispatcherMetrics } from "./metrics";
export { undeliveredActionAlert } from "./undelivered-alert";

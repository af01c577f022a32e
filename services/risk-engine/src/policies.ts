import type { Logger } from "@redline/common";
import { PolicyStore } from "@redline/policy";
import type { RiskEngineConfig } from "./config";

/**
 * The live and shadow policy stores, loaded at start-up (a bad file fails
 * start-up) and then watched: a valid edit takes effect for the next alert,
 * a bad one is logged and the previous policy stays.
 */
export function openPolicies(config: RiskEngineConfig, logger: Logger) {
  const open = (file: string, role: string): PolicyStore | undefined => {
    if (file === "") return undefined;
    const store = PolicyStore.load(file, {
      pollIntervalMs: config.policyPollMs,
      onError: (err) => logger.error(`${role} policy edit refused; keeping the previous version`, { err, file }),
      onReload: (policy, previous) =>
        logger.info(`${role} policy reloaded`, { file, policyVersion: policy.policyVersion, previousVersion: previous.policyVersion }),
    });
    store.watch();
    logger.info(`${role} policy loaded`, { file, policyVersion: store.current().policyVersion });
    return store;
  };
  const live = open(config.policyFile, "live");
  const shadow = live === undefined ? undefined : open(config.shadowPolicyFile, "shadow");
  return {
    sources: { ...(live ? { policy: live } : {}), ...(shadow ? { shadowPolicy: shadow } : {}) },
    close(): void {
      live?.close();
      shadow?.close();
    },
  };
}

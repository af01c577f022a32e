import type { Server } from "@grpc/grpc-js";
import { HealthImplementation } from "grpc-health-check";

export type HealthState = "SERVING" | "NOT_SERVING";

/**
 * Adds the standard `grpc.health.v1.Health` service. The overall status
 * ("") and each named service start as given and change with `set`.
 */
export function addHealthService(server: Server, services: readonly string[], initial: HealthState = "SERVING") {
  const statusMap: Record<string, HealthState> = { "": initial };
  for (const s of services) statusMap[s] = initial;
  const health = new HealthImplementation(statusMap);
  health.addToServer(server);
  return {
    set(state: HealthState): void {
      for (const name of Object.keys(statusMap)) health.setStatus(name, state);
    },
  };
}

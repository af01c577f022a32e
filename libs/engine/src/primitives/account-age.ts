/** Account age bands at event time; an unknown creation time is never "fresh". */
export const DAY_MS = 86_400_000;

export function accountAgeMs(accountCreatedMs: number, eventTimeMs: number): number {
  if (!(accountCreatedMs > 0)) return Number.POSITIVE_INFINITY;
  return Math.max(0, eventTimeMs - accountCreatedMs);
}

export function isFreshAccount(accountCreatedMs: number, eventTimeMs: number, freshAgeMs: number): boolean {
  return accountAgeMs(accountCreatedMs, eventTimeMs) < freshAgeMs;
}

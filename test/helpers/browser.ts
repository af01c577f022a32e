import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Debian's chromium, installed by `bash deploy/local/up.sh chromium` (npm test runs it); REDLINE_CHROMIUM overrides. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const path = env.REDLINE_CHROMIUM ?? "/usr/bin/chromium";
  if (!existsSync(path)) {
    throw new Error(`no Chromium at ${path}: run 'bash deploy/local/up.sh chromium' (apt-get install chromium) or set REDLINE_CHROMIUM`);
  }
  return path;
}

/** A headless Chromium for browser tests; close it in afterAll. */
export async function launchChromium(): Promise<Browser> {
  // --no-sandbox: tests and CI run as root, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
}

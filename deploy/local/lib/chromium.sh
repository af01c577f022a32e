# shellcheck shell=bash
# Chromium for the browser test of the inspector console
# (test/e2e/inspector-console.e2e.test.ts, driven by playwright-core) and for
# scripts/console-screenshots.sh. Debian's `chromium` package: playwright's own
# browser download is not used. Nothing is started. Sourced after common.sh.

chromium_up() {
  if command -v chromium >/dev/null 2>&1; then
    log "chromium: $(chromium --version 2>/dev/null | head -1)"
    return 0
  fi
  apt_install chromium "Chromium by hand (no apt-get: not a Debian-like system), or set REDLINE_CHROMIUM to a Chromium binary" chromium
  command -v chromium >/dev/null 2>&1 || die "chromium: still missing after apt-get install chromium"
}

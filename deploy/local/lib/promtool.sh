# shellcheck shell=bash
# promtool for the local checks: `promtool check rules|config` and `promtool test rules` on
# deploy/prometheus/ (test/integration/prometheus-rules.test.ts). Debian's `prometheus`
# package ships it; nothing is started (the package's own service is stopped if its
# postinst started one). Sourced after common.sh.

promtool_up() {
  if command -v promtool >/dev/null 2>&1; then
    log "promtool: $(promtool --version 2>&1 | head -1)"
    return 0
  fi
  require_cmd apt-get "promtool by hand (no apt-get: not a Debian-like system)"
  [[ "$(id -u)" == 0 ]] || die "promtool: missing; run as root or: sudo apt-get install -y --no-install-recommends prometheus"
  log "promtool: installing Debian's prometheus package for its promtool"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  if command -v invoke-rc.d >/dev/null 2>&1; then
    invoke-rc.d prometheus stop >/dev/null 2>&1 || true
  fi
  command -v promtool >/dev/null 2>&1 || die "promtool: still missing after apt-get install prometheus"
}

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
  apt_install promtool "promtool by hand (no apt-get: not a Debian-like system)" prometheus
  stop_packaged_service prometheus
  command -v promtool >/dev/null 2>&1 || die "promtool: still missing after apt-get install prometheus"
}

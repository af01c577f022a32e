#!/usr/bin/env bash
# The README's run command (`npm start`): local Kafka and ClickHouse, Redline's
# topics, the four services and the crew detector, a demonstration platform
# that prints the actions it receives, and simulated traffic in real time.
# Running it again starts only what is not running. `npm stop` stops everything.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
command -v node >/dev/null || { echo "redline: Node.js 20+ is required (https://nodejs.org or apt-get install nodejs)" >&2; exit 1; }
[[ -d node_modules ]] || { echo "redline: dependencies are missing; run 'npm ci' first" >&2; exit 1; }
source scripts/lib-processes.sh

[[ -f tools/demo-feed/dist/main.js && -f services/risk-engine/dist/main.js && -f services/crew-detector/dist/main.js && -f services/inspector-console/dist/main.js ]] || npx tsc --build
bash deploy/local/up.sh
npx redline topics ensure >/dev/null
echo "[redline] topics ready"
for entry in "${DEMO_PROGRAMS[@]}"; do
  read -r -a parts <<<"$entry"
  start_program "${parts[@]}"
done
cat <<MSG

Redline is running on the local stack, fed with simulated rooms.
  inspector console:           $CONSOLE_URL  (sign in with $DEMO_TOKEN; $DEMO_READER_TOKEN reads without reviewing)
  alerts as they are raised:   npx redline tail --token $DEMO_TOKEN
  actions the platform gets:   tail -f .local/logs/demo-platform.log
  what the feed is doing:      tail -f .local/logs/demo-feed.log
  stop everything:             npm stop
The first attacks start about a minute after the feed; an under-age streamer goes live after 20 s.
MSG

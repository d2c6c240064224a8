#!/usr/bin/env bash
# Every test: types, unit, integration (DynamoDB Local), infrastructure (CDK
# assertions) and end-to-end (Debian's Chromium, installed here if missing).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v java >/dev/null 2>&1; then
  echo "Installing a Java runtime for DynamoDB Local…"
  apt-get update -qq && apt-get install -y -qq default-jre-headless >/dev/null
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests…"
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi

npx tsc -p .
npx biome check .
bash scripts/boundaries.sh
npx knip
npm run build:web
npx vitest run

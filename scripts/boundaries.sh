#!/usr/bin/env bash
# The layers' boundaries (.dependency-cruiser.cjs, drawn in docs/architecture.md).
# dependency-cruiser needs TypeScript's compiler API, which TypeScript 7 no longer
# has: it lives with TypeScript 5.9 in tools/boundaries, installed here when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=tools/boundaries/node_modules/.installed-from-lock
if ! cmp -s tools/boundaries/package-lock.json "$stamp"; then
  npm ci --prefix tools/boundaries --no-audit --no-fund --loglevel=error
  cp tools/boundaries/package-lock.json "$stamp"
fi
tools/boundaries/node_modules/.bin/depcruise shared functions web/src infra tests bench scripts --config .dependency-cruiser.cjs --output-type err

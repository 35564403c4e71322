#!/usr/bin/env bash
# Fails when the TypeScript types generated from the OpenAPI documents (openapi-typescript, outputs
# listed in redocly.yaml) are stale: run `npm run api-types` and commit the result. The files are
# left as they were.
set -euo pipefail
cd "$(dirname "$0")/.."
files=(web/src/api-types.ts libs/case-system-contract/src/case-system.api-types.ts)
saved=$(mktemp -d)
trap 'rm -rf "$saved"' EXIT
for f in "${files[@]}"; do
  mkdir -p "$saved/$(dirname "$f")"
  cp "$f" "$saved/$f" 2>/dev/null || : >"$saved/$f"
done
npx openapi-typescript >/dev/null 2>"$saved/stderr" || { cat "$saved/stderr"; exit 1; }
stale=0
for f in "${files[@]}"; do
  if ! cmp -s "$f" "$saved/$f"; then
    echo "$f is out of date: run \`npm run api-types\` and commit the result."
    stale=1
  fi
  cp "$saved/$f" "$f"
done
[ $stale -eq 0 ] && echo "generated API types are up to date."
exit $stale

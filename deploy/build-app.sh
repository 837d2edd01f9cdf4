#!/usr/bin/env bash
# Builds Assay for production from a source tree into a folder that runs with `node` alone: what the
# Dockerfile's build stage does, and what CI runs (tests/deploy/container-recipe.test.ts) since no
# container engine runs there. Usage: deploy/build-app.sh <source tree> <output folder>
#   - installs every dependency and builds (npm ci runs `prepare`: packages to JavaScript, the web app),
#   - drops the development dependencies (tsx, TypeScript, Vite, the test tools),
#   - copies what runs: manifests, node_modules, each package's dist/ and the CLI's bin/.
# ASSAY_NPM_PREFER_OFFLINE=1 takes what npm's cache holds (CI: what the checkout's own install put there).
set -euo pipefail
src="$(cd "$1" && pwd)"
out="$2"
cd "$src"
npm ci --no-audit --no-fund ${ASSAY_NPM_PREFER_OFFLINE:+--prefer-offline}
npm prune --omit=dev --no-audit --no-fund ${ASSAY_NPM_PREFER_OFFLINE:+--prefer-offline}
mkdir -p "$out/packages"
cp -a package.json package-lock.json node_modules "$out/"
for package in packages/*/; do
  name="$(basename "$package")"
  mkdir -p "$out/packages/$name"
  cp -a "$package/package.json" "$out/packages/$name/"
  for part in dist bin node_modules; do
    if [ -d "$package/$part" ]; then cp -a "$package/$part" "$out/packages/$name/"; fi
  done
  # Declarations are for building against the packages, not for running them.
  rm -rf "$out/packages/$name/dist/types"
done
echo "built Assay into $out"

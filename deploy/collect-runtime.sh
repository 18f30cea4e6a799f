#!/bin/sh
# Gathers into OUT what `node WORKSPACE/dist/main.js` needs at run time, after a
# production-only `npm ci --workspace WORKSPACE` in the repository root (the current
# directory): node_modules, and package.json, dist/ and migrations/ of the workspace and
# of every workspace linked into node_modules (its @moneypal dependencies), plus the
# health probe. Used by deploy/Dockerfile.
#
#   sh deploy/collect-runtime.sh OUT WORKSPACE
set -eu

if [ "$#" -ne 2 ]; then
  echo "usage: sh deploy/collect-runtime.sh OUT WORKSPACE" >&2
  exit 2
fi
out=$1
workspace=$2

copy_workspace() {
  dir=$1
  if [ ! -d "$dir/dist" ]; then
    echo "collect-runtime: $dir has no dist/ (was it built?)" >&2
    exit 1
  fi
  mkdir -p "$out/$dir"
  cp -a "$dir/package.json" "$dir/dist" "$out/$dir/"
  for extra in migrations node_modules; do
    if [ -e "$dir/$extra" ]; then cp -a "$dir/$extra" "$out/$dir/"; fi
  done
}

mkdir -p "$out/deploy"
cp -a package.json node_modules "$out/"
cp deploy/healthcheck.mjs "$out/deploy/"
copy_workspace "$workspace"
# The workspace links are relative symlinks (node_modules/@moneypal/kit -> ../../packages/kit),
# so they resolve inside OUT once their targets are copied.
for link in node_modules/@moneypal/*; do
  [ -L "$link" ] || continue
  dir=$(realpath --relative-to=. "$link")
  [ "$dir" = "$workspace" ] || copy_workspace "$dir"
done

#!/usr/bin/env bash
# Fetches the vendored front-end files from the npm registry at pinned versions and
# copies them, with their licenses, into the tree. Stafett serves them from the binary
# (internal/web/static) or injects them in browser tests (internal/web/browser); nothing
# is fetched at run time. Run from the repository root after changing a version.
set -euo pipefail

declare -A pkgs=(
  ["@digdir/designsystemet-css"]="1.22.0"
  ["@digdir/designsystemet-theme"]="1.11.0"
  ["htmx.org"]="2.0.11"
  ["axe-core"]="4.14.1"
  ["@fontsource-variable/inter"]="5.3.0"
)

root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
for p in "${!pkgs[@]}"; do
  npm pack --silent "$p@${pkgs[$p]}" >/dev/null 2>&1
done
for f in *.tgz; do mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done

put() { # put SRC-DIR FILE... DEST-DIR
  local src=$1 dest=${!#}
  mkdir -p "$dest"
  for f in "${@:2:$#-2}"; do cp "$src/$f" "$dest/"; done
}
static=$root/internal/web/static/vendor
put "digdir-designsystemet-css-1.22.0/package" dist/src/index.css LICENSE package.json "$static/designsystemet-css"
put "digdir-designsystemet-theme-1.11.0/package" src/themes/designsystemet.css LICENSE package.json "$static/designsystemet-theme"
put "htmx.org-2.0.11/package" dist/htmx.min.js LICENSE package.json "$static/htmx"
put "fontsource-variable-inter-5.3.0/package" files/inter-latin-wght-normal.woff2 files/inter-latin-ext-wght-normal.woff2 LICENSE package.json "$static/inter"
put "axe-core-4.14.1/package" axe.min.js LICENSE package.json "$root/internal/web/browser/testdata/axe-core"
echo "vendored: ${!pkgs[*]}"

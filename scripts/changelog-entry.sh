#!/usr/bin/env bash
# Prints one version's entry from CHANGELOG.md, without its heading: the
# release notes. `scripts/changelog-entry.sh 0.2.0` (or `v0.2.0`, as a tag
# names it); `Unreleased` for what is not released yet. Fails when the
# changelog has no entry for that version, so a release cannot go out
# without one.
set -euo pipefail
cd "$(dirname "$0")/.."
version="${1:?usage: scripts/changelog-entry.sh VERSION}"
version="${version#v}"
entry="$(awk -v v="$version" '
  /^## \[/ { inside = index($0, "## [" v "]") == 1; next }
  /^\[[^]]+\]: / { next }
  inside { print }
' CHANGELOG.md)"
if [ -z "${entry//[[:space:]]/}" ]; then
  echo "error: CHANGELOG.md has no entry for $version (a heading \"## [$version] - DATE\")" >&2
  exit 1
fi
printf '%s\n' "$entry" | sed -e '/./,$!d'

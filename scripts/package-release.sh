#!/usr/bin/env bash
# Builds the release archive for one platform, as the release workflow
# (.github/workflows/release.yml) does on each of its runners; run it here
# to build and try the Linux one:
#
#   scripts/package-release.sh x86_64-unknown-linux-musl
#
# It builds `ordinary` for TARGET, runs the binary it built to write the
# manual page and the shell completions (so every runner builds for its
# own platform: see CONTRIBUTING.md, "Releasing"), tries it on a sentence,
# and writes to dist/ (or $DIST):
#
#   ordinary-VERSION-TARGET.tar.gz (.zip for Windows) and its .sha256
#
# holding ordinary-VERSION-TARGET/ with the binary, README.md,
# CHANGELOG.md, LICENSE-MIT, LICENSE-APACHE, man/ordinary.1 and
# completions/ (bash, zsh, fish, PowerShell, Elvish).
set -euo pipefail
cd "$(dirname "$0")/.."

target="${1:?usage: scripts/package-release.sh TARGET}"
dist="${DIST:-dist}"
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)"
name="ordinary-$version-$target"
target_dir="${CARGO_TARGET_DIR:-target}"

case "$target" in
  *windows*) exe=".exe" ;;
  *) exe="" ;;
esac

# Static and small: the release profile, without debug symbols.
cargo build --release --locked --target "$target"
binary="$target_dir/$target/release/ordinary$exe"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
root="$stage/$name"
mkdir -p "$root/man" "$root/completions"
cp "$binary" "$root/"
cp README.md CHANGELOG.md LICENSE-MIT LICENSE-APACHE "$root/"
"$binary" man > "$root/man/ordinary.1"
"$binary" completions bash > "$root/completions/ordinary.bash"
"$binary" completions zsh > "$root/completions/_ordinary"
"$binary" completions fish > "$root/completions/ordinary.fish"
"$binary" completions powershell > "$root/completions/_ordinary.ps1"
"$binary" completions elvish > "$root/completions/ordinary.elv"

# The binary that ships works: it names its version and finds jargon
# (exit code 1: findings).
"$binary" --version | grep -q "^ordinary $version (rules [0-9]"
set +e
echo "We will signpost service users to respite." | "$binary" check --no-config --quiet --color never - >/dev/null
code=$?
set -e
if [ "$code" -ne 1 ]; then
  echo "error: the built binary's check exited with $code, not 1" >&2
  exit 1
fi

mkdir -p "$dist"
dist="$(cd "$dist" && pwd)"
case "$target" in
  *windows*)
    archive="$name.zip"
    python="$(command -v python3 || command -v python)"
    (cd "$stage" && "$python" -m zipfile -c "$dist/$archive" "$name")
    ;;
  *)
    archive="$name.tar.gz"
    # Owner and order fixed, so the same files give the same archive.
    (cd "$stage" && tar --owner=0 --group=0 --numeric-owner -czf "$dist/$archive" "$name" 2>/dev/null \
      || tar -czf "$dist/$archive" "$name")
    ;;
esac

# sha256sum on Linux and Windows (Git Bash), shasum on macOS.
if command -v sha256sum >/dev/null 2>&1; then
  (cd "$dist" && sha256sum "$archive" > "$archive.sha256")
else
  (cd "$dist" && shasum -a 256 "$archive" > "$archive.sha256")
fi
echo "$dist/$archive"

#!/bin/sh
# Installs ordinary @VERSION@ from its GitHub release:
#
#   curl -LsSf https://github.com/@REPO@/releases/download/v@VERSION@/install.sh | sh
#
# It downloads the archive for this machine, checks it against its
# published SHA-256, and puts `ordinary`, its manual page and its shell
# completions under ~/.local (or ORDINARY_PREFIX): bin/ordinary,
# share/man/man1/ordinary.1, and share/ordinary/completions/.
set -eu

repo="@REPO@"
version="@VERSION@"
prefix="${ORDINARY_PREFIX:-$HOME/.local}"

fail() {
  echo "error: $*" >&2
  exit 1
}

case "$(uname -s)" in
  Linux) os="unknown-linux-musl" ;;
  Darwin) os="apple-darwin" ;;
  *) fail "there is no release build for $(uname -s); build from source: cargo install ordinary" ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch="x86_64" ;;
  aarch64 | arm64) arch="aarch64" ;;
  *) fail "there is no release build for $(uname -m); build from source: cargo install ordinary" ;;
esac

name="ordinary-$version-$arch-$os"
base="${ORDINARY_DOWNLOAD_URL:-https://github.com/$repo/releases/download/v$version}"
url="$base/$name.tar.gz"

if command -v curl >/dev/null 2>&1; then
  fetch() { curl --proto '=https,file' --tlsv1.2 -fsSL "$1" -o "$2"; }
elif command -v wget >/dev/null 2>&1; then
  fetch() { wget -q "$1" -O "$2"; }
else
  fail "curl or wget is needed to download ordinary"
fi

temp="$(mktemp -d)"
trap 'rm -rf "$temp"' EXIT INT TERM

echo "Downloading $url"
fetch "$url" "$temp/$name.tar.gz" || fail "could not download $url"
fetch "$url.sha256" "$temp/$name.tar.gz.sha256" || fail "could not download $url.sha256"

expected="$(cut -d ' ' -f 1 < "$temp/$name.tar.gz.sha256")"
if command -v sha256sum >/dev/null 2>&1; then
  actual="$(sha256sum "$temp/$name.tar.gz" | cut -d ' ' -f 1)"
else
  actual="$(shasum -a 256 "$temp/$name.tar.gz" | cut -d ' ' -f 1)"
fi
[ "$expected" = "$actual" ] || fail "the download's SHA-256 is $actual, not $expected: not installed"

tar -xzf "$temp/$name.tar.gz" -C "$temp"
mkdir -p "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/ordinary/completions"
cp "$temp/$name/ordinary" "$prefix/bin/ordinary.new"
chmod 755 "$prefix/bin/ordinary.new"
mv -f "$prefix/bin/ordinary.new" "$prefix/bin/ordinary"
cp "$temp/$name/man/ordinary.1" "$prefix/share/man/man1/ordinary.1"
cp "$temp/$name/completions/"* "$prefix/share/ordinary/completions/"

echo "Installed $("$prefix/bin/ordinary" --version) in $prefix/bin"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "Add $prefix/bin to your PATH to run it as \`ordinary\`." ;;
esac
echo "Shell completions are in $prefix/share/ordinary/completions (see the README)."

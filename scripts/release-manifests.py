#!/usr/bin/env python3
"""Writes a release's installers and package manifests from its archives.

    scripts/release-manifests.py --repo OWNER/NAME --tag v0.2.0 dist/

reads the `ordinary-VERSION-TARGET.{tar.gz,zip}.sha256` files that
scripts/package-release.sh wrote into dist/, and writes there:

- install.sh and install.ps1: the installers (scripts/release/), with the
  repository and version filled in; they check each download against its
  published .sha256 themselves;
- ordinary.rb: a Homebrew formula for macOS and Linux, Apple silicon,
  Intel and ARM;
- ordinary.json: a Scoop manifest for Windows.

The release workflow runs it before publishing; tests/release.rs runs it
on a made-up release and checks what it writes (ruby -c, Scoop's schema).
"""

import argparse
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DESCRIPTION = "A plain-language linter for social care and council writing"
LICENSE = "MIT OR Apache-2.0"
# Scoop writes a choice of licences with `|`.
SCOOP_LICENSE = "MIT|Apache-2.0"
TARGETS = [
    "x86_64-unknown-linux-musl",
    "aarch64-unknown-linux-musl",
    "aarch64-apple-darwin",
    "x86_64-apple-darwin",
    "x86_64-pc-windows-msvc",
]


def checksums(dist, version):
    """{target: (archive name, sha256)} for the archives in dist."""
    found = {}
    for target in TARGETS:
        ext = "zip" if "windows" in target else "tar.gz"
        archive = f"ordinary-{version}-{target}.{ext}"
        path = os.path.join(dist, archive + ".sha256")
        if not os.path.isfile(path):
            sys.exit(f"error: {path} is missing: every platform's archive is needed")
        with open(path, encoding="utf-8") as f:
            digest = f.read().split()[0].lower()
        if not re.fullmatch(r"[0-9a-f]{64}", digest):
            sys.exit(f"error: {path} does not hold a SHA-256")
        found[target] = (archive, digest)
    return found


def homebrew(repo, version, sums):
    def url(target):
        return f"https://github.com/{repo}/releases/download/v{version}/{sums[target][0]}"

    def block(target, indent):
        pad = " " * indent
        return f'{pad}url "{url(target)}"\n{pad}sha256 "{sums[target][1]}"\n'

    return f'''# Written by scripts/release-manifests.py for ordinary {version}.
class Ordinary < Formula
  desc "{DESCRIPTION}"
  homepage "https://github.com/{repo}"
  version "{version}"
  license "{LICENSE}"

  on_macos do
    on_arm do
{block("aarch64-apple-darwin", 6)}    end
    on_intel do
{block("x86_64-apple-darwin", 6)}    end
  end

  on_linux do
    on_arm do
{block("aarch64-unknown-linux-musl", 6)}    end
    on_intel do
{block("x86_64-unknown-linux-musl", 6)}    end
  end

  def install
    bin.install "ordinary"
    man1.install "man/ordinary.1"
    bash_completion.install "completions/ordinary.bash" => "ordinary"
    zsh_completion.install "completions/_ordinary"
    fish_completion.install "completions/ordinary.fish"
  end

  test do
    assert_match "ordinary #{{version}}", shell_output("#{{bin}}/ordinary --version")
    (testpath/"draft.md").write "We will signpost service users.\\n"
    assert_match "signpost", shell_output("#{{bin}}/ordinary check --no-config draft.md", 1)
  end
end
'''


def scoop(repo, version, sums):
    target = "x86_64-pc-windows-msvc"
    folder = f"ordinary-{version}-{target}"
    base = f"https://github.com/{repo}/releases/download"
    return {
        "version": version,
        "description": DESCRIPTION,
        "homepage": f"https://github.com/{repo}",
        "license": SCOOP_LICENSE,
        "architecture": {
            "64bit": {
                "url": f"{base}/v{version}/{sums[target][0]}",
                "hash": sums[target][1],
                "extract_dir": folder,
            }
        },
        "bin": "ordinary.exe",
        "checkver": {"github": f"https://github.com/{repo}"},
        "autoupdate": {
            "architecture": {
                "64bit": {
                    "url": f"{base}/v$version/ordinary-$version-{target}.zip",
                    "hash": {"url": "$url.sha256"},
                    "extract_dir": f"ordinary-$version-{target}",
                }
            }
        },
    }


def filled(template, repo, version):
    with open(os.path.join(HERE, "release", template), encoding="utf-8") as f:
        return f.read().replace("@REPO@", repo).replace("@VERSION@", version)


def write(dist, name, text):
    # Unix line endings everywhere: PowerShell reads them too.
    with open(os.path.join(dist, name), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", required=True, help="OWNER/NAME on GitHub")
    parser.add_argument("--tag", required=True, help="the release's tag, v0.2.0")
    parser.add_argument("dist", help="the folder with the archives' .sha256 files")
    args = parser.parse_args()
    if not re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", args.repo):
        sys.exit(f"error: --repo {args.repo!r} is not OWNER/NAME")
    version = args.tag.removeprefix("v")
    if not re.fullmatch(r"[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?", version):
        sys.exit(f"error: --tag {args.tag!r} is not a version tag such as v0.2.0")
    sums = checksums(args.dist, version)
    write(args.dist, "install.sh", filled("install.sh", args.repo, version))
    write(args.dist, "install.ps1", filled("install.ps1", args.repo, version))
    write(args.dist, "ordinary.rb", homebrew(args.repo, version, sums))
    write(args.dist, "ordinary.json", json.dumps(scoop(args.repo, version, sums), indent=4) + "\n")
    for name in ["install.sh", "install.ps1", "ordinary.rb", "ordinary.json"]:
        print(os.path.join(args.dist, name))


if __name__ == "__main__":
    main()

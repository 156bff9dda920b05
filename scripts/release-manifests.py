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
- ordinary.json: a Scoop manifest for Windows;
- OWNER.ordinary.yaml, OWNER.ordinary.installer.yaml and
  OWNER.ordinary.locale.en-GB.yaml: a winget manifest for Windows, in the
  multi-file form winget-pkgs takes (version, installer, default locale),
  for the portable .exe inside the Windows zip. Its package identifier and
  publisher are the repository's owner and name (OWNER.ordinary), so
  nothing is made up before the project has a home.

The release workflow runs it before publishing; tests/release.rs runs it
on a made-up release and checks what it writes (ruby -c, Scoop's schema,
winget's schemas).
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
# The winget manifest schema written to: 1.6.0 has all this manifest uses
# (a portable .exe in a zip) and every winget since 1.6 (2023) reads it.
# tests/fixtures/winget/ keeps the schemas it is tested against.
WINGET_MANIFEST_VERSION = "1.6.0"
WINGET_LOCALE = "en-GB"
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


def winget(repo, version, sums):
    """{file name: YAML text} for winget's three-file manifest."""
    target = "x86_64-pc-windows-msvc"
    owner, name = repo.split("/")
    identifier = f"{owner}.{name}"
    schema = "https://aka.ms/winget-manifest.{}." + WINGET_MANIFEST_VERSION + ".schema.json"
    common = {"PackageIdentifier": identifier, "PackageVersion": version}
    tail = {"ManifestVersion": WINGET_MANIFEST_VERSION}
    release = f"https://github.com/{repo}/releases"
    manifests = {
        f"{identifier}.yaml": (
            "version",
            {**common, "DefaultLocale": WINGET_LOCALE, "ManifestType": "version", **tail},
        ),
        f"{identifier}.installer.yaml": (
            "installer",
            {
                **common,
                "InstallerType": "zip",
                "NestedInstallerType": "portable",
                "NestedInstallerFiles": [
                    {
                        # The zip holds one folder named like the archive.
                        "RelativeFilePath": f"ordinary-{version}-{target}\\ordinary.exe",
                        "PortableCommandAlias": "ordinary",
                    }
                ],
                "Installers": [
                    {
                        "Architecture": "x64",
                        "InstallerUrl": f"{release}/download/v{version}/{sums[target][0]}",
                        # winget writes hashes in capitals.
                        "InstallerSha256": sums[target][1].upper(),
                    }
                ],
                "ManifestType": "installer",
                **tail,
            },
        ),
        f"{identifier}.locale.{WINGET_LOCALE}.yaml": (
            "defaultLocale",
            {
                **common,
                "PackageLocale": WINGET_LOCALE,
                "Publisher": owner,
                "PackageName": name,
                "PackageUrl": f"https://github.com/{repo}",
                "License": LICENSE,
                "ShortDescription": DESCRIPTION,
                "Moniker": "ordinary",
                "Tags": ["plain-language", "linter", "writing", "social-care", "lsp"],
                "ReleaseNotesUrl": f"{release}/tag/v{version}",
                "ManifestType": "defaultLocale",
                **tail,
            },
        ),
    }
    return {
        file: f"# Written by scripts/release-manifests.py for ordinary {version}.\n"
        f"# yaml-language-server: $schema={schema.format(kind)}\n"
        + yaml(fields)
        for file, (kind, fields) in manifests.items()
    }


def yaml(value, indent=0):
    """A little YAML: mappings, lists of mappings and strings, each string
    written as a JSON string, which YAML reads as the same string (so a
    version such as 1.10 stays text, and a backslash stays one)."""
    pad = " " * indent
    lines = []
    for key, item in value.items():
        if isinstance(item, str):
            lines.append(f"{pad}{key}: {json.dumps(item, ensure_ascii=False)}")
        elif isinstance(item, list):
            lines.append(f"{pad}{key}:")
            for element in item:
                if isinstance(element, str):
                    lines.append(f"{pad}- {json.dumps(element, ensure_ascii=False)}")
                else:
                    first, *rest = yaml(element, indent + 2).splitlines()
                    lines.append(f"{pad}- {first.lstrip()}")
                    lines.extend(rest)
        else:
            raise TypeError(f"no YAML for {item!r}")
    return "".join(line + "\n" for line in lines)


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
    written = ["install.sh", "install.ps1", "ordinary.rb", "ordinary.json"]
    for name, text in winget(args.repo, version, sums).items():
        write(args.dist, name, text)
        written.append(name)
    for name in written:
        print(os.path.join(args.dist, name))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Lists the rules added, removed and changed in severity between two
versions of ordinary, as Markdown for CHANGELOG.md.

Each side is either a file saved from `ordinary rules --format json`, or
a git revision of this repository (the rules/*.toml files at that
revision, listed by the `ordinary` on PATH with `--no-default-rules`):

    scripts/rules-diff.py v0.1.0 HEAD
    scripts/rules-diff.py old-rules.json new-rules.json
    ordinary rules --no-config --format json > rules.json   # to save a side

A CI baseline depends on the rules, so a release lists these under
"Rules" in its changelog entry.
"""

import json
import os
import subprocess
import sys
import tempfile


def rules_of_revision(revision):
    """The rules at a git revision: its rules/*.toml, listed by ordinary."""
    root = subprocess.run(
        ["git", "rev-parse", "--show-toplevel"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    names = subprocess.run(
        ["git", "-C", root, "ls-tree", "--name-only", revision, "rules/"],
        check=True, capture_output=True, text=True,
    ).stdout.split()
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            if not name.endswith(".toml"):
                continue
            text = subprocess.run(
                ["git", "-C", root, "show", f"{revision}:{name}"],
                check=True, capture_output=True,
            ).stdout
            with open(os.path.join(folder, os.path.basename(name)), "wb") as out:
                out.write(text)
        listed = subprocess.run(
            ["ordinary", "rules", "--no-config", "--no-default-rules",
             "--rules", folder, "--format", "json"],
            capture_output=True, text=True,
        )
        if listed.returncode != 0:
            sys.exit(f"error: the rules at {revision} do not load:\n{listed.stderr}")
        return json.loads(listed.stdout)


def load(side):
    """A side's rules as {id: severity}."""
    if os.path.isfile(side):
        with open(side, encoding="utf-8") as f:
            data = json.load(f)
    else:
        data = rules_of_revision(side)
    return {rule["id"]: rule["severity"] for rule in data["rules"]}


def diff(old, new):
    """The changelog lines for going from `old` to `new`."""
    lines = []
    added = sorted(set(new) - set(old))
    removed = sorted(set(old) - set(new))
    changed = sorted(i for i in set(old) & set(new) if old[i] != new[i])
    if added:
        lines.append(f"- Added {len(added)} rule{'s' if len(added) != 1 else ''}: "
                     + ", ".join(f"`{i}` ({new[i]})" for i in added))
    if removed:
        lines.append(f"- Removed {len(removed)} rule{'s' if len(removed) != 1 else ''}: "
                     + ", ".join(f"`{i}`" for i in removed))
    for i in changed:
        lines.append(f"- `{i}`: severity {old[i]} → {new[i]}")
    if not lines:
        lines.append("- No rules added, removed or changed in severity.")
    return lines


def main(argv):
    if len(argv) != 3 or argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if len(argv) > 1 and argv[1] in ("-h", "--help") else 2
    print("\n".join(diff(load(argv[1]), load(argv[2]))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env bash
# Merges the SARIF files of `ordinary check --shard K/N --format sarif`
# into one SARIF file with one run, as a single unsharded run would give:
# every result (files in path order), each rule once, and the files that
# could not be checked. Needs jq.
#
#   scripts/merge-sarif.sh ordinary-1.sarif ordinary-2.sarif … > ordinary.sarif
set -euo pipefail
if [[ $# -eq 0 ]]; then
  echo "usage: $0 SHARD.sarif… > MERGED.sarif" >&2
  exit 2
fi
jq --slurp --compact-output '
  (map(.runs[0].invocations[0].toolExecutionNotifications // []) | add) as $notes
  | {
      "$schema": .[0]["$schema"],
      version: .[0].version,
      runs: [
        {
          results: (map(.runs[0].results[]) | sort_by(.locations[0].physicalLocation.artifactLocation.uri)),
          tool: {
            driver: (.[0].runs[0].tool.driver
              + { rules: (map(.runs[0].tool.driver.rules[]) | unique_by(.id)) })
          },
          invocations: [
            { executionSuccessful: all(.[].runs[0].invocations[0].executionSuccessful; .) }
            + (if ($notes | length) > 0 then { toolExecutionNotifications: $notes } else {} end)
          ],
          columnKind: .[0].runs[0].columnKind
        }
      ]
    }' "$@"

#!/usr/bin/env bash
# The check step of the GitHub Action (action.yml). Reads the action's
# inputs from INPUT_* variables (never from ${{ }} expressions pasted into
# the script, so no input can inject shell code), runs ordinary, and exits
# with its exit code.
#
#   INPUT_PATHS          files and folders, separated by spaces or new lines
#   INPUT_FORMAT         --format for the log (github: annotations)
#   INPUT_SARIF_FILE     also write SARIF here ("" for none)
#   INPUT_SUMMARY        "true": a Markdown summary in $GITHUB_STEP_SUMMARY
#   INPUT_FAIL_ON, INPUT_MAX_FINDINGS, INPUT_BASELINE, INPUT_CHANGED_SINCE,
#   INPUT_SHARD, INPUT_CONFIG   the options of the same names ("" for none)
#   INPUT_ARGS           more arguments, separated by spaces
set -uo pipefail

args=(check --color never)
option() { # option NAME VALUE: add --NAME VALUE when VALUE is not empty
  if [[ -n "$2" ]]; then args+=("--$1" "$2"); fi
}
option config "${INPUT_CONFIG:-}"
option fail-on "${INPUT_FAIL_ON:-}"
option max-findings "${INPUT_MAX_FINDINGS:-}"
option baseline "${INPUT_BASELINE:-}"
option changed-since "${INPUT_CHANGED_SINCE:-}"
option shard "${INPUT_SHARD:-}"

# Word splitting on purpose (spaces and new lines), without globbing.
set -f
# shellcheck disable=SC2206
extra=(${INPUT_ARGS:-})
# shellcheck disable=SC2206
paths=(${INPUT_PATHS:-.})
set +f
args+=("${extra[@]}")

ordinary "${args[@]}" --format "${INPUT_FORMAT:-github}" -- "${paths[@]}"
code=$?

if [[ -n "${INPUT_SARIF_FILE:-}" ]]; then
  ordinary "${args[@]}" --quiet --format sarif -- "${paths[@]}" >"$INPUT_SARIF_FILE" 2>/dev/null
  echo "sarif-file=$INPUT_SARIF_FILE" >>"${GITHUB_OUTPUT:-/dev/null}"
fi
if [[ "${INPUT_SUMMARY:-true}" == "true" && -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
  ordinary "${args[@]}" --quiet --format markdown -- "${paths[@]}" >>"$GITHUB_STEP_SUMMARY" 2>/dev/null
fi

echo "exit-code=$code" >>"${GITHUB_OUTPUT:-/dev/null}"
exit "$code"

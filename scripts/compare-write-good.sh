#!/usr/bin/env bash
# Compares what ordinary and write-good report on the sample corpus's
# jargon-heavy originals and their plain rewrites (docs/readability.md,
# "Compared with write-good"). Needs npm and a release build of ordinary:
#     cargo build --release && scripts/compare-write-good.sh
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
ordinary="$repo/target/release/ordinary"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

npm install --prefix "$work" --silent --no-audit --no-fund write-good@1.0.8 >/dev/null
write_good="$work/node_modules/.bin/write-good"

stems=(
  adult-social-care-charging-policy
  advert-shared-lives-carer
  care-act-assessment-mr-okafor
  carers-assessment-mrs-begum
  commissioning-strategy-summary
  job-description-social-worker
)

printf '%-46s %6s %6s %8s | %11s %8s %6s\n' file words long passive write-good passive weak
for stem in "${stems[@]}"; do
  original="$(find "$repo/corpus" -path "$repo/corpus/plain" -prune -o -name "$stem.*" -print | head -n 1)"
  for file in "$original" "$repo/corpus/plain/$stem-plain.md"; do
    # write-good reads plain text: the Word files as ordinary reads them.
    "$ordinary" text "$file" >"$work/text.txt"
    suggestions="$("$write_good" "$work/text.txt" | grep '^"' || true)"
    all="$(grep -c . <<<"$suggestions" || true)"
    passive="$(grep -c 'may be passive voice' <<<"$suggestions" || true)"
    weak="$(grep -c -E 'weaken meaning|weasel word' <<<"$suggestions" || true)"
    # check exits 1 when it finds something: that is expected here.
    { "$ordinary" check --no-config --format json "$file" || true; } | python3 -c '
import json, sys
report = json.load(sys.stdin)
summary = report["files"][0]["summary"]
long = sum(f["rule"] in ("long-sentence", "very-long-sentence") for f in report["findings"])
name, all_, passive, weak = sys.argv[1:]
words, passives = summary["words"], summary["passive_sentences"]
print(f"{name:46s} {words:6d} {long:6d} {passives:8d} | {all_:>11s} {passive:>8s} {weak:>6s}")
' "$(basename "$file")" "$all" "$passive" "$weak"
  done
done

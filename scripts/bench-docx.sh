#!/usr/bin/env bash
# Word-document throughput: documents per second and MB/s of .docx, measured
# against the same text as plain files and against ripgrep, in the same run
# (the machines are shared and noisy: only ratios travel).
#
#   scripts/bench-docx.sh [MB] [FILES]      (default 20 MB in 400 documents)
#
# Needs python3, ripgrep (`rg`) and ../shared/bench/gen_corpus.py. Writes
# nothing in the repository: everything goes to a temporary folder.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MB="${1:-20}"
FILES="${2:-400}"
GEN="$ROOT/../shared/bench/gen_corpus.py"
[ -f "$GEN" ] || { echo "bench-docx: $GEN not found" >&2; exit 2; }
command -v rg >/dev/null || { echo "bench-docx: ripgrep (rg) is needed" >&2; exit 2; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml"
BIN="$ROOT/target/release/ordinary"

python3 "$GEN" --mb "$MB" --files "$FILES" --seed 1 --out "$WORK/text" >/dev/null
# Each text file becomes a .docx: one paragraph per line, each paragraph
# split into runs of a few words, as Word splits text at edits and formatting.
python3 - "$WORK/text" "$WORK/docx" <<'PY'
import html, pathlib, sys, zipfile
src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
for path in sorted(p for p in src.rglob("*") if p.is_file()):
    paragraphs = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        words = line.split(" ")
        runs = "".join(
            f'<w:r><w:t xml:space="preserve">{html.escape(" ".join(words[i:i + 4]) + " ")}</w:t></w:r>'
            for i in range(0, len(words), 4)
        )
        paragraphs.append(f'<w:p w:rsidR="00A1B2C3">{runs}</w:p>')
    target = out / path.relative_to(src).with_suffix(".docx")
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("_rels/.rels", f'<Relationships xmlns="x"><Relationship Id="r1" Type="{R}/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", f'<w:document xmlns:w="{W}"><w:body>{"".join(paragraphs)}</w:body></w:document>')
PY

"$BIN" rules --no-config --phrases > "$WORK/phrases.txt"
docs=$(find "$WORK/docx" -name '*.docx' | wc -l)
docx_bytes=$(find "$WORK/docx" -name '*.docx' -printf '%s\n' | awk '{s+=$1} END {print s}')
text_bytes=$(du -sb "$WORK/text" | cut -f1)

best() { # best of 3 wall-clock seconds of a command
    local best=999999 t
    for _ in 1 2 3; do
        /usr/bin/time -f '%e' -o "$WORK/time" "$@" >/dev/null 2>&1 || true
        t=$(tail -n 1 "$WORK/time")
        best=$(python3 -c "print(min($best, $t))")
    done
    echo "$best"
}
t_docx=$(best "$BIN" check --no-config --format json "$WORK/docx")
t_text=$(best "$BIN" check --no-config --format json "$WORK/text")
t_rg=$(best rg --count-matches -i -w -F -f "$WORK/phrases.txt" "$WORK/text")

python3 - "$docs" "$docx_bytes" "$text_bytes" "$t_docx" "$t_text" "$t_rg" <<'PY'
import sys
docs, docx_bytes, text_bytes = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
t_docx, t_text, t_rg = (max(float(x), 0.001) for x in sys.argv[4:7])
print(f"documents: {docs}, .docx {docx_bytes/1e6:.1f} MB, the same text {text_bytes/1e6:.1f} MB")
print(f"ordinary on .docx : {t_docx:6.2f} s  {docs/t_docx:8.0f} documents/s  {docx_bytes/1e6/t_docx:7.1f} MB/s of .docx  {text_bytes/1e6/t_docx:7.1f} MB/s of text")
print(f"ordinary on text  : {t_text:6.2f} s  {text_bytes/1e6/t_text:7.1f} MB/s")
print(f"ripgrep on text   : {t_rg:6.2f} s  {text_bytes/1e6/t_rg:7.1f} MB/s")
print(f"ratio .docx / text (same ordinary run): {t_docx/t_text:.2f}x the time")
print(f"ratio ordinary .docx / ripgrep text   : {t_rg/t_docx:.2f}x ripgrep's throughput")
PY

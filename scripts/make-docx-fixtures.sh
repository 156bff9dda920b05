#!/usr/bin/env bash
# make-docx-fixtures.sh: regenerate the Word (.docx) and OpenDocument (.odt)
# test fixtures under tests/fixtures/docx/ from Markdown sources, using real
# word processors (pandoc's Word writer and LibreOffice Writer).
#
# Needs (on PATH):
#   pandoc    (Debian 12: pandoc 2.17.1.1)
#   soffice   (Debian 12: libreoffice-writer-nogui, LibreOffice 7.4.7.2)
#   python3   (standard library only: checks the zips and pins their timestamps)
#   On Debian/Ubuntu: apt-get install -y pandoc libreoffice-writer-nogui python3
#
# Reads (never changes):
#   tests/fixtures/docx/src/*.md        short fixture sources, one feature each
#   six documents under corpus/         listed in CORPUS_DOCS below
#
# Writes (each folder's generated files are replaced as a set, so a fixture
# whose source was deleted disappears too; README.md and src/ are not touched):
#   tests/fixtures/docx/pandoc/NAME.docx
#       pandoc -f markdown -t docx of src/NAME.md (no --reference-doc).
#   tests/fixtures/docx/libreoffice/NAME.odt
#       LibreOffice's own save, as ODT, of pandoc/NAME.docx (opened and saved
#       by LibreOffice Writer: filter "writer8").
#   tests/fixtures/docx/libreoffice/NAME.docx
#       LibreOffice's Word export of that ODT (filter "MS Word 2007 XML", the
#       one behind File > Save As > "Word 2007-365 (.docx)"), so every byte of
#       document.xml was written by LibreOffice, not pandoc.
#   tests/fixtures/docx/corpus-candidates/NAME.docx
#       the same pandoc -> LibreOffice ODT -> LibreOffice docx pipeline for the
#       six corpus documents; only LibreOffice's .docx is kept.
#
# Reproducibility: running the script twice with the same tool versions gives
# byte-identical files. To get there it
#   - sets SOURCE_DATE_EPOCH (pandoc uses it for the document dates in
#     docProps/core.xml and for the zip entry times),
#   - sets SAL_RAND_REPEATABLE=1 (LibreOffice then seeds its random numbers
#     the same way every time; otherwise the ODT's settings.xml gets a random
#     Rsid on every save),
#   - sets TZ=UTC and LC_ALL=C.UTF-8, and uses a fresh private LibreOffice
#     profile (/tmp/lo-profile-PID, deleted afterwards),
#   - overwrites the DOS date/time fields of every entry in LibreOffice's zips
#     (which LibreOffice 7.4 fills with the current time, ignoring
#     SOURCE_DATE_EPOCH) with the same fixed time. Only those 4 bytes per
#     header change: compression, entry order, flags, data descriptors and
#     contents are exactly as LibreOffice wrote them.
#   Other pandoc or LibreOffice versions (or other installed fonts, which feed
#   LibreOffice's page and word counts in docProps/app.xml) give other bytes.
#
# Usage: scripts/make-docx-fixtures.sh    (from any folder; no arguments)

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FIX="$ROOT/tests/fixtures/docx"
SRC="$FIX/src"

# The Word documents of the sample corpus: written in Markdown under
# src/corpus/FOLDER/, saved by LibreOffice into corpus/FOLDER/NAME.docx.
CORPUS_DOCS=(
    assessments/carers-assessment-mrs-begum
    assessments/hospital-discharge-assessment-mrs-thornton
    policies/commissioning-strategy-summary
    policies/practice-guidance-strengths-based-practice
    recruitment/advert-shared-lives-carer
    recruitment/job-description-occupational-therapist
)

# 2026-01-01T00:00:00Z: document dates and zip entry times in every fixture.
export SOURCE_DATE_EPOCH=1767225600
export SAL_RAND_REPEATABLE=1
export TZ=UTC
export LC_ALL=C.UTF-8

for tool in pandoc soffice python3; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "make-docx-fixtures: '$tool' not found on PATH." >&2
        echo "  Debian/Ubuntu: apt-get install -y pandoc libreoffice-writer-nogui python3" >&2
        exit 2
    fi
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/docx-fixtures.XXXXXX")"
PROFILE="/tmp/lo-profile-$$"
cleanup() { rm -rf -- "$WORK" "$PROFILE"; }
trap cleanup EXIT

LOG="$WORK/soffice.log"
# lo FORMAT OUTDIR FILE...: convert FILEs with LibreOffice into OUTDIR.
lo() {
    local format="$1" outdir="$2"
    shift 2
    mkdir -p "$outdir"
    if ! soffice "-env:UserInstallation=file://$PROFILE" --headless --norestore \
        --convert-to "$format" --outdir "$outdir" "$@" >>"$LOG" 2>&1; then
        echo "make-docx-fixtures: soffice failed; its output:" >&2
        cat "$LOG" >&2
        exit 1
    fi
}

# need FILE...: fail unless every FILE exists and is not empty (soffice can
# exit 0 without writing anything).
need() {
    local f
    for f in "$@"; do
        if [[ ! -s "$f" ]]; then
            echo "make-docx-fixtures: expected output missing: $f" >&2
            [[ -s "$LOG" ]] && { echo "soffice output:" >&2; cat "$LOG" >&2; }
            exit 1
        fi
    done
}

STAGE="$WORK/stage"
mkdir -p "$STAGE/pandoc" "$STAGE/libreoffice" "$STAGE/corpus-candidates" \
    "$WORK/corpus-pandoc" "$WORK/corpus-odt"

# 1. pandoc: src/NAME.md -> pandoc/NAME.docx
shopt -s nullglob
sources=("$SRC"/*.md)
shopt -u nullglob
if ((${#sources[@]} == 0)); then
    echo "make-docx-fixtures: no sources in $SRC" >&2
    exit 1
fi
names=()
for md in "${sources[@]}"; do
    name="$(basename "$md" .md)"
    names+=("$name")
    pandoc -f markdown -t docx -o "$STAGE/pandoc/$name.docx" "$md"
done

# 2. LibreOffice: pandoc/NAME.docx -> libreoffice/NAME.odt -> libreoffice/NAME.docx
pandoc_docx=()
lo_odt=()
lo_docx=()
for name in "${names[@]}"; do
    pandoc_docx+=("$STAGE/pandoc/$name.docx")
    lo_odt+=("$STAGE/libreoffice/$name.odt")
    lo_docx+=("$STAGE/libreoffice/$name.docx")
done
lo "odt:writer8" "$STAGE/libreoffice" "${pandoc_docx[@]}"
need "${lo_odt[@]}"
lo "docx:MS Word 2007 XML" "$STAGE/libreoffice" "${lo_odt[@]}"
need "${lo_docx[@]}"

# 3. Corpus candidates: corpus/.../NAME.md -> pandoc docx -> LibreOffice ODT
#    -> LibreOffice docx; only the last is kept.
corpus_pandoc=()
corpus_odt=()
corpus_docx=()
for doc in "${CORPUS_DOCS[@]}"; do
    name="$(basename "$doc" .md)"
    need "$SRC/corpus/$doc.md"
    pandoc -f markdown -t docx -o "$WORK/corpus-pandoc/$name.docx" "$SRC/corpus/$doc.md"
    corpus_pandoc+=("$WORK/corpus-pandoc/$name.docx")
    corpus_odt+=("$WORK/corpus-odt/$name.odt")
    corpus_docx+=("$STAGE/corpus-candidates/$name.docx")
done
lo "odt:writer8" "$WORK/corpus-odt" "${corpus_pandoc[@]}"
need "${corpus_odt[@]}"
lo "docx:MS Word 2007 XML" "$STAGE/corpus-candidates" "${corpus_odt[@]}"
need "${corpus_docx[@]}"

# 4. Pin LibreOffice's zip timestamps, then check every output is a sound zip
#    (and an ODT starts with an uncompressed "mimetype" entry).
python3 - "$SOURCE_DATE_EPOCH" "${lo_odt[@]}" "${lo_docx[@]}" "${corpus_docx[@]}" <<'PY'
import struct, sys, time

epoch = int(sys.argv[1])
t = time.gmtime(epoch)
dos_time = (t.tm_hour << 11) | (t.tm_min << 5) | (t.tm_sec // 2)
dos_date = ((t.tm_year - 1980) << 9) | (t.tm_mon << 5) | t.tm_mday

def pin(path):
    data = bytearray(open(path, "rb").read())
    eocd = data.rfind(b"PK\x05\x06")
    if eocd < 0:
        sys.exit(f"{path}: no end of central directory")
    count, cd_size, cd_off = struct.unpack_from("<HII", data, eocd + 10)
    if count == 0xFFFF or 0xFFFFFFFF in (cd_size, cd_off):
        sys.exit(f"{path}: zip64, not handled")
    p = cd_off
    for _ in range(count):
        if data[p:p + 4] != b"PK\x01\x02":
            sys.exit(f"{path}: bad central directory header at {p}")
        n, m, k = struct.unpack_from("<HHH", data, p + 28)
        local = struct.unpack_from("<I", data, p + 42)[0]
        extra = bytes(data[p + 46 + n:p + 46 + n + m])
        q = 0
        while q + 4 <= len(extra):
            tag, size = struct.unpack_from("<HH", extra, q)
            if tag in (0x5455, 0x000A):  # extended / NTFS timestamps
                sys.exit(f"{path}: extra timestamp field {tag:#06x}, not handled")
            q += 4 + size
        struct.pack_into("<HH", data, p + 12, dos_time, dos_date)
        if data[local:local + 4] != b"PK\x03\x04":
            sys.exit(f"{path}: bad local header at {local}")
        struct.pack_into("<HH", data, local + 10, dos_time, dos_date)
        p += 46 + n + m + k
    with open(path, "wb") as f:
        f.write(data)

for path in sys.argv[2:]:
    pin(path)
PY

python3 - "$STAGE" <<'PY'
import pathlib, sys, zipfile

bad = 0
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*")):
    if not path.is_file():
        continue
    try:
        with zipfile.ZipFile(path) as z:
            broken = z.testzip()
            if broken:
                raise ValueError(f"bad CRC in {broken}")
            names = z.namelist()
            if path.suffix == ".docx" and "word/document.xml" not in names:
                raise ValueError("no word/document.xml")
            if path.suffix == ".odt":
                first = z.infolist()[0]
                if first.filename != "mimetype" or first.compress_type != zipfile.ZIP_STORED:
                    raise ValueError("mimetype is not the first, stored entry")
    except Exception as e:  # noqa: BLE001
        print(f"make-docx-fixtures: {path}: {e}", file=sys.stderr)
        bad += 1
sys.exit(1 if bad else 0)
PY

# 5. Install: replace each folder's generated files as a set.
install_set() {
    local dir="$1"
    shift
    mkdir -p "$FIX/$dir"
    local ext
    for ext in "$@"; do
        rm -f -- "$FIX/$dir"/*."$ext"
    done
    cp -- "$STAGE/$dir"/* "$FIX/$dir"/
}
install_set pandoc docx
install_set libreoffice docx odt
install_set corpus-candidates docx
# The corpus documents go to the corpus, not the fixtures.
for doc in "${CORPUS_DOCS[@]}"; do
    mv -- "$FIX/corpus-candidates/$(basename "$doc").docx" "$ROOT/corpus/$doc.docx"
done
rmdir -- "$FIX/corpus-candidates"

echo "make-docx-fixtures: wrote (pandoc $(pandoc --version | head -n 1 | cut -d' ' -f2)," \
    "$(soffice "-env:UserInstallation=file://$PROFILE" --version 2>/dev/null | head -n 1 | cut -d' ' -f1-2)):"
(cd "$ROOT" && find tests/fixtures/docx/pandoc tests/fixtures/docx/libreoffice \
    -type f | LC_ALL=C sort | xargs ls -l | awk '{printf "  %8d  %s\n", $5, $9}')

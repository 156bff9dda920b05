#!/usr/bin/env bash
# make-review-screenshot.sh: regenerate docs/review-copy.png, the first page
# of a review copy as LibreOffice renders it, with its comments beside it.
#
# Needs: cargo, soffice (libreoffice-writer-nogui), pdftoppm (poppler-utils),
# python3 with pillow and pypdf (pip install pillow pypdf), DejaVu fonts.
#
# What it does:
#   1. `ordinary review` on corpus/assessments/hospital-discharge-assessment-mrs-thornton.docx
#      (dates fixed with SOURCE_DATE_EPOCH);
#   2. LibreOffice exports the review copy to PDF with its comments as PDF
#      annotations (`soffice --headless --convert-to pdf`, ExportNotes);
#   3. pdftoppm renders page 1 at 80 dpi;
#   4. each comment's text, read from the annotations LibreOffice wrote, is
#      drawn in a margin beside the page, joined to a small marker where
#      LibreOffice put the comment.
# Step 4 is there because LibreOffice 7.4 (Debian 12) cannot draw comments in
# the margin of a PDF itself: its `ExportNotesInMargin` option arrived in 7.5.
# With a newer LibreOffice, set MARGIN_FROM_LIBREOFFICE=1 to use that option
# and skip step 4.
#
# Usage: scripts/make-review-screenshot.sh   (from any folder; no arguments)

set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1795446245 TZ=UTC LC_ALL=C.UTF-8 SAL_RAND_REPEATABLE=1

cargo run --quiet --release -- review --config ordinary.toml \
    corpus/assessments/hospital-discharge-assessment-mrs-thornton.docx -o "$work/review.docx"

filter='pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
if [ "${MARGIN_FROM_LIBREOFFICE:-0}" = 1 ]; then
    filter='pdf:writer_pdf_Export:{"ExportNotesInMargin":{"type":"boolean","value":"true"}}'
fi
soffice --headless "-env:UserInstallation=file://$work/profile" \
    --convert-to "$filter" --outdir "$work" "$work/review.docx" >/dev/null 2>&1
if [ "${MARGIN_FROM_LIBREOFFICE:-0}" = 1 ]; then
    pdftoppm -png -r 80 -f 1 -l 1 "$work/review.pdf" "$work/page" 2>/dev/null
    cp "$work"/page-1.png docs/review-copy.png
else
    # The page without poppler's note icons, which cover words: a small
    # marker is drawn at each comment's place instead.
    pdftoppm -png -r 80 -f 1 -l 1 -hide-annotations "$work/review.pdf" "$work/page" 2>/dev/null
    python3 - "$work/review.pdf" "$work/page-1.png" docs/review-copy.png <<'PY'
import sys, textwrap
from pypdf import PdfReader
from PIL import Image, ImageDraw, ImageFont

pdf, page_png, out = sys.argv[1:]
page = PdfReader(pdf).pages[0]
height_pt = float(page.mediabox.height)
scale = 80 / 72
notes = []
for ref in page.get("/Annots", []) or []:
    annot = ref.get_object()
    if annot.get("/Subtype") != "/Text":
        continue
    x0, y0, x1, y1 = [float(v) for v in annot["/Rect"]]
    notes.append(((height_pt - y1) * scale, x0 * scale, str(annot.get("/T", "")).split(",")[0], str(annot.get("/Contents", ""))))
notes.sort()

body = Image.open(page_png).convert("RGB")
margin = 330
image = Image.new("RGB", (body.width + margin, body.height), "#f3f3f3")
image.paste(body, (0, 0))
draw = ImageDraw.Draw(image)
font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 10)
bold = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 10)
left = body.width + 10
next_top = 8
for y, x, author, text in notes:
    first = text.split("\n")[0]
    lines = textwrap.wrap(first, 52)[:4]
    box_height = 18 + 13 * len(lines)
    top = max(next_top, int(y) - 6)
    if top + box_height > image.height - 4:
        break
    draw.line([(x, y + 11), (left, top + 8)], fill="#e8a33d", width=1)
    draw.polygon([(x - 4, y + 15), (x + 4, y + 15), (x, y + 9)], fill="#d9822b")
    draw.rectangle([left, top, image.width - 10, top + box_height], fill="#fff6d5", outline="#e8a33d")
    draw.text((left + 6, top + 3), author, font=bold, fill="#7a5a00")
    for i, line in enumerate(lines):
        draw.text((left + 6, top + 16 + 13 * i), line, font=font, fill="#222222")
    next_top = top + box_height + 6
image.quantize(colors=48).save(out, optimize=True)
PY
fi
echo "wrote docs/review-copy.png"

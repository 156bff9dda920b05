#!/usr/bin/env python3
"""Writes the hand-minimised fuzz findings: the crashes into
tests/fixtures/docx/fuzz-regressions/ (tests/docx.rs reads and checks every
file there), the hangs and memory blow-ups into fuzz/hangs/ (they would
make that test take minutes or gigabytes until they are fixed; move each
into fuzz-regressions/ with its fix).

The crashes the fuzzer found are whole .docx packages: `cargo fuzz tmin`
cannot shrink them (any byte removed breaks the deflate stream or a CRC, and
the crash goes away with it). So each is rebuilt here as the smallest package
that shows the same fault: a zip holding only the parts it needs, the XML
written out by hand. Run from the repository root:

    python3 fuzz/make_regressions.py [NAME ...]

The output is reproducible: fixed zip times, fixed compression level.
"""

import io
import os
import sys
import zipfile

OUT = os.environ.get("OUT", os.path.join("tests", "fixtures", "docx", "fuzz-regressions"))
HANGS = os.environ.get("HANGS", os.path.join("fuzz", "hangs"))

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
TYPE = R  # relationship types live under the same base


def content_types(overrides=()):
    parts = "".join(
        f'<Override PartName="/{name}" ContentType="{kind}"/>' for name, kind in overrides
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{CT}">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        f"{parts}</Types>"
    )


ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
    f'<Relationship Id="rId1" Type="{TYPE}/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)


def document(body):
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>'
        f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}</w:body></w:document>'
    )


def paragraph(text):
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def package(parts):
    """A .docx: `parts` is [(name, str or bytes)], written deflated, in order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            if isinstance(data, str):
                data = data.encode("utf-8")
            z.writestr(info, data, compresslevel=9)
    return buffer.getvalue()


def simple(body, extra=(), rels=None, overrides=()):
    parts = [
        ("[Content_Types].xml", content_types(overrides)),
        ("_rels/.rels", ROOT_RELS),
        ("word/document.xml", document(body)),
    ]
    if rels is not None:
        parts.append(("word/_rels/document.xml.rels", rels))
    parts.extend(extra)
    return package(parts)


def relationships(entries):
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
        + "".join(
            f'<Relationship Id="{i}" Type="{TYPE}/{kind}" Target="{target}"/>'
            for i, kind, target in entries
        )
        + "</Relationships>"
    )


BIG = str(2**64 - 1)  # usize::MAX on a 64-bit machine


def cases():
    # 1. Engine: an abbreviation after a no-break space (U+00A0, 2 bytes in
    #    UTF-8). Minimised from shared fixture pandoc/table_gridbefore.docx.
    yield "nbsp-before-abbreviation", simple(paragraph("See 3GPP\u00a0TS 29.582 for details."))

    # 2. Engine: an abbreviation right after a curly quote (3 bytes in UTF-8).
    #    Minimised from shared fixture docx-rs/spec_vanish.docx.
    yield "curly-quote-before-abbreviation", simple(paragraph("the \u201cXQZ\u201d team"))

    # 3. Reader: w:gridBefore with a huge value overflows the column counter.
    yield "gridbefore-overflow", simple(
        "<w:tbl><w:tr>"
        f'<w:trPr><w:gridBefore w:val="{BIG}"/></w:trPr>'
        f"<w:tc>{paragraph('cell')}</w:tc>"
        "</w:tr></w:tbl>"
    )

    # 4. Reader: w:gridSpan with a huge value overflows the column counter at
    #    the next cell.
    yield "gridspan-overflow", simple(
        "<w:tbl><w:tr>"
        f'<w:tc><w:tcPr><w:gridSpan w:val="{BIG}"/></w:tcPr>{paragraph("one")}</w:tc>'
        f"<w:tc>{paragraph('two')}</w:tc>"
        "</w:tr></w:tbl>"
    )

    # 5. Reader: one header part (10 MB of text, about 10 KB packed, so
    #    within the per-part ratio limit) named by many relationships with
    #    different ids; each id is read as a header of its own, so the same
    #    10 MB is read and kept again and again.
    copies = 400
    header = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:hdr xmlns:w="{W}">'
        + paragraph("plain words " * 820_000)
        + "</w:hdr>"
    )
    refs = "".join(f'<w:headerReference w:type="default" r:id="h{i}"/>' for i in range(copies))
    yield "header-read-many-times", simple(
        paragraph("Body.") + f"<w:sectPr>{refs}</w:sectPr>",
        extra=[("word/header1.xml", header)],
        rels=relationships([(f"h{i}", "header", "header1.xml") for i in range(copies)]),
    )

    # 6. Reader: many header references with distinct ids: `seen.contains`
    #    (and the search of the relationships) make this quadratic.
    count = 100_000
    refs = "".join(f'<w:headerReference r:id="{i:06x}"/>' for i in range(count))
    yield "header-references-quadratic", simple(paragraph("Body.") + f"<w:sectPr>{refs}</w:sectPr>")

    # 7. Reader: many notes with text, then many table cells: every w:tc
    #    runs `counts.retain` over one entry per note, so this is quadratic.
    notes = 40_000
    cells = 200_000
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes xmlns:w="{W}">'
        + "".join(f'<w:footnote w:id="{i}">{paragraph("n")}</w:footnote>' for i in range(notes))
        + '<w:footnote w:id="x">'
        + "<w:tc></w:tc>" * cells
        + "</w:footnote></w:footnotes>"
    )
    yield "footnote-cells-quadratic", simple(
        paragraph("Body."),
        extra=[("word/footnotes.xml", footnotes)],
        rels=relationships([("f1", "footnotes", "footnotes.xml")]),
    )


    # 9. Reader: many different header parts, each within the per-part
    #    limits (1 MB, packed to about 1 KB), that add up to far more than
    #    the whole file could hold: refused by the package-wide allowance.
    parts = 60
    header = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:hdr xmlns:w="{W}">'
        + paragraph("plain words " * 90_000)
        + "</w:hdr>"
    )
    refs = "".join(f'<w:headerReference w:type="default" r:id="h{i}"/>' for i in range(parts))
    yield "many-headers-add-up", simple(
        paragraph("Body.") + f"<w:sectPr>{refs}</w:sectPr>",
        extra=[(f"word/header{i}.xml", header) for i in range(parts)],
        rels=relationships([(f"h{i}", "header", f"header{i}.xml") for i in range(parts)]),
    )


def capitals():
    # 8. Engine, not the reader: one long line of capitals with many
    #    abbreviations; `is_capitals_line` rescans the whole line for each.
    return simple(paragraph("XQZ. " * 40_000))


# Fixed findings go to OUT, where a test reads every file; hangs and memory
# blow-ups that are not fixed yet go to HANGS (none at the moment).
UNFIXED = set()


def main():
    only = set(sys.argv[1:])
    for name, data in [*cases(), ("capitals-line-quadratic", capitals())]:
        if only and name not in only:
            continue
        folder = HANGS if name in UNFIXED else OUT
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, f"{name}.docx")
        with open(path, "wb") as f:
            f.write(data)
        print(f"{path}: {len(data)} bytes")


if __name__ == "__main__":
    main()

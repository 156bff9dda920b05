#!/usr/bin/env python3
"""Writes a long Word document for the speed figures of `ordinary serve`
(BENCHMARKS.md): the body of a corpus document repeated, each copy's
paragraphs kept as they are (headings, tables, lists).

    scripts/long-docx.py COPIES OUT.docx [SOURCE.docx]

28 copies of the default source are about 25,800 words: 50 pages of a
Word document at 11 point.
"""
import re
import sys
import zipfile

copies = int(sys.argv[1])
out = sys.argv[2]
source = sys.argv[3] if len(sys.argv) > 3 else \
    "corpus/assessments/hospital-discharge-assessment-mrs-thornton.docx"
with zipfile.ZipFile(source) as package, \
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
    for item in package.infolist():
        data = package.read(item.filename)
        if item.filename == "word/document.xml":
            xml = data.decode("utf-8")
            start = xml.index("<w:body>") + len("<w:body>")
            end = xml.rindex("<w:sectPr")
            xml = xml[:start] + xml[start:end] * copies + xml[end:]
            data = xml.encode("utf-8")
            words = len(" ".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml)).split())
            print(f"{out}: {words} words")
        copy.writestr(item, data)

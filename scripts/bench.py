#!/usr/bin/env python3
"""Speed and memory of `ordinary`, measured against ripgrep in the same run.

The machines we run on are shared and noisy, so every figure that matters is
a ratio between two commands timed alternately in the same run, and the
medians of several rounds are compared. Absolute numbers are printed too, for
context only.

    scripts/bench.py                     # everything (about 15 minutes)
    scripts/bench.py --only text,startup # some sections
    scripts/bench.py --max-mb 200        # smaller memory-growth series

Sections (see BENCHMARKS.md for what each target means):

  text     100 MB corpus: ordinary (JSON out) vs ripgrep given every literal
           form the ruleset matches (`ordinary rules --phrases`), as whole
           words, case-insensitively. Target: at least 2x ripgrep.
  threads  the same corpus with --jobs 1 and --jobs 2. Target: at least 1.8x.
  memory   peak RSS on corpora of 20 MB, 100 MB and --max-mb (1 GB), and on
           one 200 MB file. Target: under 100 MB and flat.
  startup  an empty file, ruleset compiled. Target: under 20 ms; the peer
           is a bare process start (ripgrep with one pattern).
  growth   the ruleset plus nine times as many generated phrases (10x in
           all). Target: at most 1.3x the time.
  docx     the 20 MB corpus as .docx (words split into runs, as Word does),
           and one very large document: documents/s and MB/s.
  output   300,000+ findings written as JSON, against ripgrep printing the
           same matches (`-o`).
  shapes   hostile shapes of the same text, each against the same text in
           ordinary lines: one 20 MB line, one huge Markdown table row, a
           file of nothing but findings (human and JSON output), and
           `fix --diff` of 100,000 changed lines. Target: at most 2x the time
           of the ordinary-lines file (linear in every shape).

Needs python3, ripgrep (`rg`), GNU time (`/usr/bin/time`) and
../shared/bench/gen_corpus.py. Writes nothing in the repository; corpora go
to --work (default: a folder under the system's temporary folder, kept
between runs so the 1 GB corpus is generated once).
"""

import argparse
import html
import os
import pathlib
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
GEN = ROOT.parent / "shared" / "bench" / "gen_corpus.py"
BIN = ROOT / "target" / "release" / "ordinary"
SECTIONS = ["text", "threads", "memory", "startup", "growth", "docx", "output", "shapes"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds per command")
    parser.add_argument("--mb", type=int, default=100, help="size of the main corpus")
    parser.add_argument("--max-mb", type=int, default=1000, help="largest corpus for memory")
    parser.add_argument("--growth-rg", action="store_true",
                        help="also time ripgrep once with ten times the phrases (minutes)")
    parser.add_argument("--work", type=pathlib.Path,
                        default=pathlib.Path(tempfile.gettempdir()) / "ordinary-bench")
    args = parser.parse_args()
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in only if s not in SECTIONS]
    if unknown:
        sys.exit(f"bench: unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    for tool in ["rg", "/usr/bin/time"]:
        if not shutil.which(tool):
            sys.exit(f"bench: {tool} is needed")
    if not GEN.exists():
        sys.exit(f"bench: {GEN} not found (the team's shared folder beside the repository)")

    subprocess.run(["cargo", "build", "--release", "--quiet", "--manifest-path",
                    str(ROOT / "Cargo.toml")], check=True)
    args.work.mkdir(parents=True, exist_ok=True)
    bench = Bench(args)
    print(machine())
    for section in only:
        print(f"\n## {section}")
        getattr(bench, section)()


def machine():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    rg = subprocess.run(["rg", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    return f"# {os.cpu_count()} cores, {cpu}; {rg}; load {os.getloadavg()[0]:.2f}"


class Bench:
    def __init__(self, args):
        self.args = args
        self.work = args.work
        self._phrases = None

    # ---- inputs -------------------------------------------------------

    def corpus(self, mb, files):
        out = self.work / f"corpus-{mb}mb-{files}"
        done = out / ".done"
        if not done.exists():
            shutil.rmtree(out, ignore_errors=True)
            print(f"  (generating {mb} MB in {files} files)", flush=True)
            subprocess.run([sys.executable, str(GEN), "--mb", str(mb), "--files", str(files),
                            "--seed", "1", "--out", str(out)], check=True,
                           stdout=subprocess.DEVNULL)
            done.write_text("")
        return out

    def phrases(self):
        if self._phrases is None:
            self._phrases = self.work / "phrases.txt"
            with open(self._phrases, "w") as f:
                subprocess.run([str(BIN), "rules", "--no-config", "--phrases"], stdout=f, check=True)
        return self._phrases

    # ---- measuring ----------------------------------------------------

    def race(self, commands, rounds=None):
        """Times each command once per round, alternating; returns medians."""
        times = self.race_rounds(commands, rounds)
        return {name: statistics.median(t) for name, t in times.items()}

    def race_rounds(self, commands, rounds=None):
        """Times each command once per round, alternating; returns every time."""
        times = {name: [] for name in commands}
        for _ in range(rounds or self.args.rounds):
            for name, command in commands.items():
                times[name].append(run(command)[0])
        return times

    def ordinary(self, *args):
        return [str(BIN), "check", "--no-config", "--quiet", "--format", "json", *map(str, args)]

    def rg(self, *args, phrases=None):
        return ["rg", "--count-matches", "-i", "-w", "-F", "-f", str(phrases or self.phrases()),
                *map(str, args)]

    # ---- sections -----------------------------------------------------

    def text(self):
        corpus = self.corpus(self.args.mb, 2000)
        size = tree_bytes(corpus)
        t = self.race({"ordinary": self.ordinary(corpus), "ripgrep": self.rg(corpus)})
        forms = sum(1 for _ in open(self.phrases()))
        print(f"  corpus {size / 1e6:.0f} MB in 2000 files; {forms} phrases")
        for name, s in t.items():
            print(f"  {name:9} {s:7.2f} s  {size / 1e6 / s:7.1f} MB/s")
        print(f"  RATIO ordinary/ripgrep throughput: {t['ripgrep'] / t['ordinary']:.2f}x (target >= 2)")

    def threads(self):
        corpus = self.corpus(self.args.mb, 2000)
        size = tree_bytes(corpus)
        t = self.race({"-j1": self.ordinary("-j", 1, corpus), "-j2": self.ordinary("-j", 2, corpus)})
        for name, s in t.items():
            print(f"  {name:4} {s:7.2f} s  {size / 1e6 / s:7.1f} MB/s")
        print(f"  RATIO 2 threads / 1 thread: {t['-j1'] / t['-j2']:.2f}x faster (target >= 1.8)")

    def memory(self):
        sizes = sorted({20, self.args.mb, self.args.max_mb})
        print(f"  {'input':28} {'ordinary RSS':>13} {'ripgrep RSS':>12} {'ordinary MB/s':>14}")
        for mb in sizes:
            files = max(400, mb * 20)
            corpus = self.corpus(mb, files)
            self.memory_row(f"{mb} MB in {files} files", corpus, tree_bytes(corpus))
        single = self.work / "single-200mb.txt"
        if not single.exists():
            source = self.corpus(self.args.mb, 2000)
            with open(single, "wb") as out:
                while out.tell() < 200_000_000:
                    for path in sorted(source.rglob("*.txt")):
                        out.write(path.read_bytes())
                        if out.tell() >= 200_000_000:
                            break
        self.memory_row("one file of 200 MB", single, single.stat().st_size)

    def memory_row(self, label, path, size):
        seconds, rss, code = run(self.ordinary(path))
        _, rg_rss, _ = run(self.rg(path))
        flag = "" if code in (0, 1) else f"  (exit {code})"
        print(f"  {label:28} {rss / 1024:10.1f} MB {rg_rss / 1024:9.1f} MB {size / 1e6 / seconds:11.1f}{flag}")

    def startup(self):
        empty = self.work / "empty.txt"
        empty.write_text("")
        rounds = max(30, self.args.rounds)
        # The peer is a process that starts, reads the empty file and exits
        # (ripgrep with one pattern): the floor on this machine right now.
        t = self.race({"ordinary": self.ordinary(empty),
                       "rg, one pattern": ["rg", "-c", "-F", "-e", "zzzz", str(empty)]}, rounds)
        for name, s in t.items():
            print(f"  {name:16} {s * 1000:7.1f} ms (median of {rounds})")
        print(f"  RATIO ordinary / a bare process start: {t['ordinary'] / t['rg, one pattern']:.2f}x; "
              f"ordinary above it: {(t['ordinary'] - t['rg, one pattern']) * 1000:.1f} ms "
              f"(target: ordinary under 20 ms)")
        rg_all = self.race({"rg": self.rg(empty)}, 3)["rg"]
        print(f"  (ripgrep compiling the same {sum(1 for _ in open(self.phrases()))} phrases: "
              f"{rg_all * 1000:.0f} ms)")

    def growth(self):
        corpus = self.corpus(self.args.mb, 2000)
        size = tree_bytes(corpus)
        empty = self.work / "empty.txt"
        empty.write_text("")
        extra_rules = self.work / "growth-rules.toml"
        extra_phrases = self.work / "growth-phrases.txt"
        count = 9 * sum(1 for _ in open(self.phrases()))
        write_growth_rules(self.corpus(20, 400), self.phrases(), count, extra_rules, extra_phrases)
        # ripgrep is not raced here: with ten times the phrases it took
        # minutes per run and 1.8 GB. `--growth-rg` times it once.
        rounds = self.race_rounds({
            "1x": self.ordinary(corpus),
            "10x": self.ordinary("--rules", extra_rules, corpus),
            "1x start": self.ordinary(empty),
            "10x start": self.ordinary("--rules", extra_rules, empty),
        })
        t = {name: statistics.median(times) for name, times in rounds.items()}
        for name, s in t.items():
            print(f"  {name:9} {s:7.2f} s" + ("" if "start" in name else f"  {size / 1e6 / s:7.1f} MB/s"))
        # The ratio is taken within each round, where the two runs follow
        # each other, so a change in the machine's load between rounds
        # (which moves both) cancels; the median of those is the result.
        per_round = [ten / one for one, ten in zip(rounds["1x"], rounds["10x"])]
        matching = [(ten - ten_start) / (one - one_start) for one, ten, one_start, ten_start
                    in zip(rounds["1x"], rounds["10x"], rounds["1x start"], rounds["10x start"])]
        print(f"  per round: {', '.join(f'{r:.2f}' for r in per_round)}")
        print(f"  RATIO ordinary 10x / 1x phrases: {statistics.median(per_round):.2f}x the time in all, "
              f"median of the rounds (target <= 1.3); {statistics.median(matching):.2f}x for matching "
              f"alone (start-up, compiling the rules, taken out); ratio of the medians "
              f"{t['10x'] / t['1x']:.2f}x")
        if self.args.growth_rg:
            once = self.race({"rg 1x": self.rg(corpus),
                              "rg 10x": self.rg(corpus, phrases=extra_phrases)}, 1)
            print(f"  ripgrep, one run each: {once['rg 1x']:.2f} s and {once['rg 10x']:.2f} s: "
                  f"{once['rg 10x'] / once['rg 1x']:.2f}x the time")

    def docx(self):
        text = self.corpus(20, 400)
        folder = self.work / "docx-20mb-400"
        if not (folder / ".done").exists():
            shutil.rmtree(folder, ignore_errors=True)
            for path in sorted(text.rglob("*.txt")):
                target = folder / path.relative_to(text).with_suffix(".docx")
                write_docx(path.read_text(encoding="utf-8", errors="replace"), target)
            (folder / ".done").write_text("")
        big_text = self.work / "single-50mb.txt"
        big = self.work / "single-50mb.docx"
        if not big.exists():
            with open(big_text, "wb") as out:
                while out.tell() < 50_000_000:
                    for path in sorted(self.corpus(self.args.mb, 2000).rglob("*.txt")):
                        out.write(path.read_bytes())
                        if out.tell() >= 50_000_000:
                            break
            write_docx(big_text.read_text(encoding="utf-8", errors="replace"), big)
        docs = sum(1 for _ in folder.rglob("*.docx"))
        docx_bytes = tree_bytes(folder, "*.docx")
        text_bytes = tree_bytes(text)
        t = self.race({
            "docx": self.ordinary(folder),
            "text": self.ordinary(text),
            "ripgrep": self.rg(text),
            "big docx": self.ordinary(big),
            "big text": self.ordinary(big_text),
        })
        print(f"  {docs} documents: {docx_bytes / 1e6:.1f} MB of .docx holding {text_bytes / 1e6:.1f} MB of text")
        print(f"  ordinary .docx  {t['docx']:6.2f} s  {docs / t['docx']:6.0f} documents/s  "
              f"{docx_bytes / 1e6 / t['docx']:6.1f} MB/s of .docx  {text_bytes / 1e6 / t['docx']:6.1f} MB/s of text")
        print(f"  ordinary text   {t['text']:6.2f} s  {text_bytes / 1e6 / t['text']:6.1f} MB/s")
        print(f"  ripgrep text    {t['ripgrep']:6.2f} s  {text_bytes / 1e6 / t['ripgrep']:6.1f} MB/s")
        print(f"  RATIO .docx / the same text: {t['docx'] / t['text']:.2f}x the time; "
              f"ordinary .docx vs ripgrep text: {t['ripgrep'] / t['docx']:.2f}x ripgrep's throughput")
        big_size = big.stat().st_size
        print(f"  one large document: {big_size / 1e6:.1f} MB .docx, {big_text.stat().st_size / 1e6:.0f} MB of text: "
              f"{t['big docx']:.2f} s ({big_size / 1e6 / t['big docx']:.1f} MB/s of .docx); "
              f"RATIO to the same text: {t['big docx'] / t['big text']:.2f}x the time")

    def shapes(self):
        folder = shapes_of(self.work)
        check = lambda name, fmt: [str(BIN), "check", "--no-config", "--quiet", "--format", fmt,
                                   str(folder / name)]
        cases = [
            ("one 20 MB line (JSON)", check("one-line.txt", "json"), check("lines.txt", "json")),
            ("one 20 MB line (human)", check("one-line.txt", "human"), check("lines.txt", "human")),
            ("a table cell of 200,000 clauses", check("table-row.md", "json"),
             check("table-lines.md", "json")),
            ("nothing but findings (JSON)", check("findings.txt", "json"),
             check("findings-lines.txt", "json")),
            ("nothing but findings (concise)", check("findings.txt", "concise"),
             check("findings-lines.txt", "concise")),
            ("fix --diff, 100,000 changes", [str(BIN), "fix", "--no-config", "--diff",
                                             str(folder / "diff.txt")],
             [str(BIN), "fix", "--no-config", "--diff", str(folder / "diff-one.txt")]),
        ]
        for name, shape, twin in cases:
            t = self.race({"shape": shape, "lines": twin}, min(self.args.rounds, 3))
            print(f"  {name:32} {t['shape']:6.2f} s  the same in lines {t['lines']:6.2f} s  "
                  f"RATIO {t['shape'] / t['lines']:.2f}x (target <= 2)")

    def output(self):
        dense = self.work / "dense"
        if not (dense / ".done").exists():
            shutil.rmtree(dense, ignore_errors=True)
            write_dense(dense, self.phrases())
            (dense / ".done").write_text("")
        findings = sum(1 for _ in subprocess.run(
            [str(BIN), "check", "--no-config", "--quiet", "--format", "json", str(dense)],
            capture_output=True, text=True).stdout.split('"rule":')) - 1
        rg_o = ["rg", "-o", "-i", "-w", "-F", "-f", str(self.phrases()), str(dense)]
        # ripgrep takes minutes here: three rounds are plenty.
        t = self.race({"ordinary": self.ordinary(dense), "rg -o": rg_o}, min(self.args.rounds, 3))
        size = tree_bytes(dense)
        print(f"  {size / 1e6:.1f} MB of jargon-dense text, {findings} findings")
        for name, s in t.items():
            print(f"  {name:9} {s:7.2f} s")
        print(f"  ordinary: {findings / t['ordinary']:,.0f} findings/s written as JSON")
        print(f"  RATIO ordinary/ripgrep (-o, printing every match): {t['rg -o'] / t['ordinary']:.2f}x ripgrep's speed")


def shapes_of(work):
    """Writes the shapes (and their plain-lines twins); returns (name, shape, twin, extra args)."""
    folder = work / "shapes"
    sentence = ("Mrs Okafor and her daughter talked with us about what matters to her, "
                "and we agreed to meet again prior to the review. ")
    lines = 20_000_000 // len(sentence)
    plain = folder / "lines.txt"
    if not (folder / ".done").exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        plain.write_text((sentence.strip() + "\n") * lines)
        (folder / "one-line.txt").write_text(sentence * lines)
        cells = 200_000
        # One cell holding it all: cells past the header's columns are dropped.
        (folder / "table-row.md").write_text(
            "| a | b |\n|---|---|\n| " + "; ".join(["we met prior to the review"] * cells) + " | x |\n")
        (folder / "table-lines.md").write_text("we met prior to the review\n\n" * cells)
        (folder / "findings.txt").write_text("prior to " * 2_000_000)
        (folder / "findings-lines.txt").write_text("prior to\n" * 2_000_000)
        (folder / "diff.txt").write_text("We met prior to the visit.\n" * 100_000)
        (folder / "diff-one.txt").write_text("We met prior to the visit. " * 100_000 + "\n")
        (folder / ".done").write_text("")
    return folder


def run(command):
    """Runs a command: (wall seconds, peak RSS in KB, exit code)."""
    with tempfile.NamedTemporaryFile("r") as timing:
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", timing.name, *command],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        seconds = time.perf_counter() - start
        lines = [line for line in timing.read().splitlines() if line.strip()]
    rss = int(lines[-1]) if lines and lines[-1].strip().isdigit() else 0
    if done.returncode not in (0, 1):
        sys.exit(f"bench: {' '.join(command)} failed ({done.returncode}): {done.stderr[-500:]!r}")
    return seconds, rss, done.returncode


def tree_bytes(path, pattern="*"):
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob(pattern) if p.is_file() and p.name != ".done")


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def write_docx(text, target):
    """One paragraph per line, each split into runs of four words, as Word
    splits text at edits and formatting."""
    paragraphs = []
    for line in text.splitlines():
        words = line.split(" ")
        runs = "".join(
            f'<w:r><w:t xml:space="preserve">{html.escape(" ".join(words[i:i + 4]) + " ")}</w:t></w:r>'
            for i in range(0, len(words), 4))
        paragraphs.append(f'<w:p w:rsidR="00A1B2C3">{runs}</w:p>')
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("_rels/.rels", f'<Relationships xmlns="x"><Relationship Id="r1" '
                                  f'Type="{R}/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml",
                   f'<w:document xmlns:w="{W}"><w:body>{"".join(paragraphs)}</w:body></w:document>')


def write_growth_rules(corpus, phrases, count, rules_path, phrases_path):
    """`count` new phrases made of the corpus's own words (two or three
    words, so the matcher meets their prefixes all the time), none of them
    an existing phrase, as rules ordinary loads and a list ripgrep reads."""
    existing = {line.strip().lower() for line in open(phrases)}
    words = set()
    for path in sorted(corpus.rglob("*.txt"))[:50]:
        words.update(w.lower() for w in path.read_text(errors="replace").split()
                     if w.isalpha() and w.isascii() and len(w) > 2)
    words = sorted(words)
    rng = random.Random(1)
    made = set()
    while len(made) < count:
        phrase = " ".join(rng.choice(words) for _ in range(rng.choice((2, 3))))
        if phrase not in existing:
            made.add(phrase)
    made = sorted(made)
    with open(rules_path, "w") as f:
        f.write('[defaults]\ncategory = "jargon"\nseverity = "info"\n')
        for i in range(0, len(made), 10):
            group = made[i:i + 10]
            quoted = ", ".join(f'"{p}"' for p in group)
            f.write(f'\n[[rule]]\nid = "growth-{i // 10}"\nphrases = [{quoted}]\n'
                    f'suggestions = ["something plainer"]\nwhy = "Generated for the benchmark."\n'
                    f'examples = ["{group[0]}"]\ncounter_examples = ["zzzz"]\n')
    with open(phrases_path, "w") as f:
        for line in open(phrases):
            f.write(line)
        for p in made:
            f.write(p + "\n")


def write_dense(folder, phrases):
    """Sentences that are mostly flagged phrases: about 320,000 findings in
    100 files."""
    forms = [line.strip() for line in open(phrases)
             if line.strip() and line.strip().islower() and " " in line.strip()][:400]
    rng = random.Random(2)
    folder.mkdir(parents=True)
    for n in range(100):
        lines = []
        for _ in range(800):
            picks = rng.sample(forms, 4)
            lines.append(f"We will {picks[0]} and {picks[1]}, then {picks[2]} with {picks[3]}.")
        (folder / f"dense-{n:03}.txt").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()

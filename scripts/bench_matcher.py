#!/usr/bin/env python3
"""The phrase matcher's micro-benchmark (benches/matcher.rs), each
benchmark in a process of its own, in turn, for several rounds; prints the
median time of each and its ratio to the trie as shipped, the ratio taken
within each round and its median reported (this machine is shared, and
load that changes between rounds moves the times more than the ratios).

    python3 scripts/bench_matcher.py [--rounds 5] [--samples 30]

`cargo bench --bench matcher` runs the same benchmarks once, in one process.
"""

import argparse
import re
import statistics
import subprocess

GROUPS = {
    "build": ["trie", "trie_without_chains", "trie_without_mapped",
              "trie_without_pair_set", "trie_without_tails", "aho_corasick"],
    "search": ["trie", "trie_without_first_words", "trie_without_chains",
               "trie_without_mapped", "trie_without_pair_set",
               "trie_without_tails", "aho_corasick"],
}
RULESETS = ["shipped", "bigger"]
UNITS = {"ns": 1e-9, "µs": 1e-6, "ms": 1e-3, "s": 1.0}


def run(name, samples):
    """The fastest and the median sample of one benchmark, in seconds."""
    out = subprocess.run(
        ["cargo", "bench", "--quiet", "--bench", "matcher", "--",
         "--color", "never", "--sample-count", str(samples), name],
        check=True, capture_output=True, text=True).stdout
    leaf = name.rsplit("::", 1)[1]
    for line in out.splitlines():
        if leaf in line:
            columns = line.split("│")

            def seconds(column):
                value, unit = re.search(r"([\d.]+)\s*(\S+)\s*$", column).groups()
                return float(value) * UNITS[unit]
            return seconds(columns[0]), seconds(columns[2])
    raise SystemExit(f"no time for {name} in:\n{out}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--samples", type=int, default=30)
    args = parser.parse_args()
    subprocess.run(["cargo", "bench", "--bench", "matcher", "--no-run"], check=True)
    names = [f"{group}::{bench}::{ruleset}" for group, benches in GROUPS.items()
             for ruleset in RULESETS for bench in benches]
    times = {name: [] for name in names}
    for round_number in range(args.rounds):
        # Every other round backwards, so no benchmark always follows another.
        for name in names if round_number % 2 == 0 else reversed(names):
            times[name].append(run(name, args.samples))
        print(f"round {round_number + 1} of {args.rounds} done", flush=True)
    for group, benches in GROUPS.items():
        for ruleset in RULESETS:
            shipped = times[f"{group}::trie::{ruleset}"]
            print(f"\n{group}, {ruleset} rules: fastest sample, median sample "
                  "(median of rounds), and each against the trie as shipped in the same round")
            for bench in benches:
                mine = times[f"{group}::{bench}::{ruleset}"]
                line = f"  {bench:26}"
                for which in (0, 1):
                    ratios = [m[which] / s[which] for m, s in zip(mine, shipped)]
                    median = statistics.median(m[which] for m in mine)
                    line += (f" {median * 1e3:8.3f} ms {statistics.median(ratios):5.2f}x"
                             f" ({min(ratios):.2f}-{max(ratios):.2f}) |")
                print(line)


if __name__ == "__main__":
    main()

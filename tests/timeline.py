# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""Where a parallel test run waits: `TEST_TIMELINE=/tmp/t.tsv .venv/bin/python -m pytest -n 2 ...`, then
`.venv/bin/python tests/timeline.py /tmp/t.tsv`.

For each worker: when its first test started and its last ended (seconds after the first test of the run), the
seconds it ran tests, the gaps between its tests, its waits for a session build another worker was making, and
its last tests; then the tail (from the first worker's last test to the run's last) and the longest tests with
their CPU seconds (the worker's and its finished child processes'; a browser's are counted when it closes).
"""

import collections
import itertools
import sys


def main(path):
    runs = collections.defaultdict(list)
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            worker, kind, start, end, cpu, name = line.rstrip("\n").split("\t")
            runs[worker].append((float(start), float(end), kind, cpu, name))
    first = min(start for entries in runs.values() for start, *_ in entries)
    ends = {}
    for worker, entries in sorted(runs.items()):
        tests = sorted(entry for entry in entries if entry[2] == "test")
        gaps = sorted(((b[0] - a[1], b[4]) for a, b in itertools.pairwise(tests) if b[0] - a[1] > 0.5), reverse=True)
        ends[worker] = tests[-1][1]
        print(f"{worker}: tests {len(tests)}, from {tests[0][0] - first:.1f} s to {tests[-1][1] - first:.1f} s, "
              f"running tests {sum(end - start for start, end, *_ in tests):.1f} s, "
              f"gaps over 0.5 s {sum(gap for gap, _ in gaps):.1f} s")  # fmt: skip
        for gap, before in gaps[:5]:
            print(f"    gap {gap:.1f} s before {before}")
        for start, end, kind, _, name in entries:
            if kind != "test":
                print(f"    {kind} {name}: {start - first:.1f} s to {end - first:.1f} s ({end - start:.1f} s)")
        for start, end, _, _, name in tests[-3:]:
            print(f"    last: {name} at {start - first:.1f} s ({end - start:.1f} s)")
    print(f"tail: {max(ends.values()) - min(ends.values()):.1f} s; last test ended {max(ends.values()) - first:.1f} s "
          "after the first started")  # fmt: skip
    tests = [entry for entries in runs.values() for entry in entries if entry[2] == "test"]
    for start, end, _, cpu, name in sorted(tests, key=lambda entry: entry[0] - entry[1])[:15]:
        print(f"{end - start:7.1f} s  (CPU {cpu or '?':>6})  {name}")


if __name__ == "__main__":
    main(sys.argv[1])

# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

"""The cost of reading the history at scale: `python -m sensor_history.bench [--sensors N] [--commits N]`.

Makes a repository with one register file of N sensors and N commits after it (each changes a
field of five sensors, adds one and removes one), then times `read_history` on it and reports
the peak memory it allocates. For `make bench` (tests/bench.py can call `measure`).
"""

import argparse
import os
import subprocess
import tempfile
import time
import tracemalloc
from pathlib import Path

from .history import read_history

COLUMNS = ["sensor_id", "name", "summary", "status", "owner_organisation", "last_verified"]


def row(number, version=0):
    street, owner, day = number % 500, number % 40, 1 + version % 28
    return f"B-{number:06d},Sensor {number},Meet iets in straat {street},active,Eigenaar {owner},2026-01-{day:02d}"


def git(folder, *args, date):
    stamp = f"{1735689600 + date * 86400} +0000"  # a day per commit from 2025-01-01
    env = dict(os.environ, GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.org", GIT_COMMITTER_NAME="bench",
               GIT_COMMITTER_EMAIL="bench@example.org", GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)  # fmt: skip
    subprocess.run(["git", "-C", str(folder), *args], env=env, check=True, capture_output=True)


def make_repository(folder, sensors, commits):
    register = Path(folder) / "data" / "sensors" / "register.csv"
    register.parent.mkdir(parents=True)
    rows = {n: row(n) for n in range(sensors)}
    git(folder, "init", "-q", "-b", "main", date=0)
    for number in range(commits + 1):
        if number:
            for changed in range(5):
                key = (number * 37 + changed * 1999) % sensors
                if key in rows:
                    rows[key] = row(key, number)
            rows[sensors + number] = row(sensors + number)
            rows.pop(number * 13 % sensors, None)
        register.write_text("\n".join([",".join(COLUMNS), *rows.values()]) + "\n", encoding="utf-8")
        git(folder, "add", "-A", date=number)
        git(folder, "commit", "-q", "-m", f"change {number}", date=number)
    return register.parent


def measure(sensors=10_000, commits=200):
    """{seconds, peak_mb, changes} of reading the history of `commits` commits over `sensors` sensors."""
    with tempfile.TemporaryDirectory() as folder:
        sensors_folder = make_repository(folder, sensors, commits)
        tracemalloc.start()
        started = time.perf_counter()
        history = read_history(sensors_folder, {}, COLUMNS)
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return {"seconds": seconds, "peak_mb": peak / 1e6, "changes": len(history.changes), "sensors": sensors,
            "commits": commits}  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sensors", type=int, default=10_000)
    parser.add_argument("--commits", type=int, default=200)
    arguments = parser.parse_args()
    result = measure(arguments.sensors, arguments.commits)
    print(f"history of {result['commits']} commits over {result['sensors']} sensors: {result['seconds']:.2f} s, "
          f"{result['changes']} changes, peak {result['peak_mb']:.0f} MB allocated while reading")  # fmt: skip


if __name__ == "__main__":
    main()

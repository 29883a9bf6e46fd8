#!/usr/bin/python3
"""The figure of the benchmarks README (issue 17): time and peak memory of whole nethelp processes against the number of
ratings, from scaling.csv (written by scaling.sh), on log-log axes with a slope-1 guide (linear growth).

Usage, from the repository root:  /usr/bin/python3 tests/NetHelpfulness.Benchmarks/scaling-plot.py
(Debian's python3-matplotlib). Writes tests/NetHelpfulness.Benchmarks/scaling.svg. Where a command was run more than once
at a size, the fastest successful run is drawn (the machine is shared; the load average of each run is in the CSV).
"""
import csv
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after the backend is chosen)

folder = os.path.dirname(os.path.abspath(__file__))
source = os.path.join(folder, "scaling.csv")
target = os.path.join(folder, "scaling.svg")
plt.rcParams["svg.hashsalt"] = "nethelp-scaling"  # stable ids: the same data gives the same file

best = {}
for row in csv.DictReader(open(source, newline="")):
    if row["exit_code"] != "0":
        continue
    key = (row["command"], int(row["ratings"]))
    seconds, megabytes = float(row["seconds"]), float(row["peak_MB"])
    if key not in best or seconds < best[key][0]:
        best[key] = (seconds, megabytes)
if not best:
    sys.exit(f"{source}: no successful run to draw")

commands = sorted({command for command, _ in best})
figure, (time_axis, memory_axis) = plt.subplots(1, 2, figsize=(10, 4.2), constrained_layout=True)
for command in commands:
    sizes = sorted(n for c, n in best if c == command)
    time_axis.plot(sizes, [best[(command, n)][0] for n in sizes], marker="o", label=command)
    memory_axis.plot(sizes, [best[(command, n)][1] for n in sizes], marker="o", label=command)

every_size = sorted({n for _, n in best})
for axis, column in ((time_axis, 0), (memory_axis, 1)):
    low, high = every_size[0], every_size[-1]
    # The slope-1 guide through the largest value at the largest size: a straight line of this slope is linear growth.
    top = max(best[(c, high)][column] for c in commands if (c, high) in best)
    axis.plot([low, high], [top * low / high, top], color="grey", linestyle=":", label="linear (slope 1)")
    axis.set_xscale("log")
    axis.set_yscale("log")
    axis.set_xlabel("ratings in the file")
    axis.grid(True, which="major", color="#dddddd")
time_axis.set_ylabel("wall time of the whole process (s)")
memory_axis.set_ylabel("peak resident memory (MB)")
memory_axis.axhline(2048, color="firebrick", linewidth=0.8)
memory_axis.text(every_size[0], 2048 * 1.1, "2 GiB", color="firebrick", fontsize=8)
time_axis.legend(fontsize=8, loc="upper left")
figure.suptitle("nethelp (native build) on SYNTHETIC long files of 10⁵–10⁸ ratings (tests/NetHelpfulness.Benchmarks/scaling.csv)", fontsize=10)
figure.savefig(target, metadata={"Date": None})
print(target)

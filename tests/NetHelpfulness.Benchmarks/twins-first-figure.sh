#!/usr/bin/env bash
# Time from command to the first figure of each notebook's file-based twin (issue 16): `dotnet run notebooks/NN-topic.cs`
# started, its stdout read as it comes, and the clock stopped at the line that reports figure 1 (for a notebook without
# figures, at its last output). Twice per twin: with --no-cache (restore check and build included) and then as a user's
# second run (the file-based app's build cache up to date). Usage, from the repository root, with the local feed packed:
#   tests/NetHelpfulness.Benchmarks/twins-first-figure.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export NUGET_PACKAGES="$PWD/artifacts/nuget-packages"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
python3 - notebooks/*.cs <<'PY'
import subprocess, sys, time, re
for twin in sys.argv[1:]:
    results = []
    for mode in (["--no-cache"], []):
        start = time.monotonic()
        proc = subprocess.Popen(["dotnet", "run", *mode, twin], stdout=subprocess.PIPE, text=True)
        first = last = None
        for line in proc.stdout:
            now = time.monotonic() - start
            if first is None and re.search(r"\] figure 1: ", line):
                first = now
            if re.search(r"\] (output|figure) \d+: ", line):
                last = now
        proc.wait()
        total = time.monotonic() - start
        results.append((first, last, total, proc.returncode))
    def show(r, label):
        first, last, total, rc = r
        what = f"first figure {first:5.1f} s" if first is not None else f"last output  {last:5.1f} s"
        return f"{label}: {what}, exit {rc} after {total:5.1f} s"
    print(f"{twin:<48} {show(results[0], 'build')} | {show(results[1], 'cached')}", flush=True)
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

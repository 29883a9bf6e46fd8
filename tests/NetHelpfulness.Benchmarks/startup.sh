#!/usr/bin/env bash
# Start-up of `nethelp score` on the shipped survey (issue 17): total wall time with hyperfine, and the breakdown by phase
# from NETHELP_STARTUP_REPORT=1 (median of RUNS runs). Usage, from the repository root:
#   tests/NetHelpfulness.Benchmarks/startup.sh [NETHELP] [RUNS]
# NETHELP defaults to the tool installed from the local feed into artifacts/startup-tool/ (installed here if missing).
# States the load average: the machine is shared, so read the numbers beside it.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${2:-20}
nethelp=${1:-}
if [ -z "$nethelp" ]; then
  ls artifacts/packages/nethelp.*.nupkg >/dev/null 2>&1 || dotnet pack -c Release -o artifacts/packages
  rm -rf artifacts/startup-tool
  NUGET_PACKAGES="$PWD/artifacts/nuget-packages" dotnet tool install nethelp --tool-path artifacts/startup-tool --add-source artifacts/packages >/dev/null
  nethelp=artifacts/startup-tool/nethelp
fi
score=(score --input data/synthetic/survey.csv --weight weight)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
hyperfine -N --warmup 3 --runs "$runs" "$nethelp ${score[*]}" "$nethelp help"
for _ in $(seq "$runs"); do
  NETHELP_STARTUP_REPORT=1 "$nethelp" "${score[@]}" 2>&1 >/dev/null | grep '^startup: ' || true
done | python3 -c '
import re, statistics, sys
phases = {}
for line in sys.stdin:
    m = re.match(r"startup: (\w[\w ]*?)\s+([\d.]+) ms", line)
    if m and m.group(1) not in ("main",):
        phases.setdefault(m.group(1), []).append(float(m.group(2)))
for name, values in phases.items():
    print(f"{name:<10} median {statistics.median(values):7.1f} ms  (min {min(values):6.1f}, max {max(values):6.1f}, n={len(values)})")
'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

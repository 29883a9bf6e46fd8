#!/usr/bin/env bash
# Side-by-side with R (issue 7): the same work, whole process against whole process, start-up included, in one run.
#   nethelp: score --weight weight --strata country --ci bootstrap-percentile --replicates B
#   R:       tests/reference/bench.R (survey::svymean + boot::boot(strata =) + boot.ci(type = "perc"))
# Usage, from the repository root:  bash tests/NetHelpfulness.Benchmarks/side-by-side.sh [B=10000] [runs=3]
# Needs R with survey and boot (apt-get install -y r-base-core r-cran-survey r-cran-boot).
set -euo pipefail
cd "$(dirname "$0")/../.."
replicates=${1:-10000}
runs=${2:-3}
input=data/synthetic/survey.csv
dotnet build -c Release lib/NetHelpfulness.Cli -v q -nologo >/dev/null || { echo "build failed: dotnet build -c Release lib/NetHelpfulness.Cli" >&2; exit 1; }
nethelp=lib/NetHelpfulness.Cli/bin/Release/net10.0/nethelp

seconds() { # the wall time of one run of a command, in seconds
  local start end
  start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

best_ours=""; best_r=""
for run in $(seq "$runs"); do
  ours=$(seconds "$nethelp" score --input "$input" --weight weight --strata country --ci bootstrap-percentile --replicates "$replicates" --format csv)
  theirs=$(seconds Rscript tests/reference/bench.R "$input" "$replicates")
  printf 'run %d: nethelp %.2f s, R %.2f s\n' "$run" "$ours" "$theirs"
  if [ -z "$best_ours" ] || [ "$(echo "$ours < $best_ours" | bc -l)" = 1 ]; then best_ours=$ours; fi
  if [ -z "$best_r" ] || [ "$(echo "$theirs < $best_r" | bc -l)" = 1 ]; then best_r=$theirs; fi
done
printf 'best of %d, B = %d: nethelp %.2f s, R %.2f s, ratio %.1fx\n' "$runs" "$replicates" "$best_ours" "$best_r" "$(echo "$best_r / $best_ours" | bc -l)"
printf 'machine: %s, %s cores, load average %s\n' "$(uname -m)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# Side-by-side with R (issue 13): raking a million respondents on 3 variables and the net scores' SEs under the raked
# design, whole process against whole process, start-up and loading included; then the two outputs compared.
#   nethelp: score --layout wide --scenario-prefix q_ --weight weight --strata stratum --calibrate M --calibration rake
#   R:       tests/reference/bench-calibration.R run (read.csv + svydesign + rake + svymean per scenario; it also times
#            rake and svymean on their own)
# Usage, from the repository root:  bash tests/NetHelpfulness.Benchmarks/calibration-side-by-side.sh [respondents=1000000] [runs=3]
# Needs R with survey (apt-get install -y r-base-core r-cran-survey). The SYNTHETIC file is written once by R to $TMPDIR.
set -euo pipefail
cd "$(dirname "$0")/../.."
respondents=${1:-1000000}
runs=${2:-3}
folder=${TMPDIR:-/tmp}
input=$folder/nethelp-calibration-bench-$respondents.csv
margins=$folder/nethelp-calibration-bench-$respondents-margins.csv
[ -f "$input" ] || Rscript tests/reference/bench-calibration.R write "$input" "$margins" "$respondents"
dotnet build -c Release lib/NetHelpfulness.Cli -v q -nologo >/dev/null || { echo "build failed: dotnet build -c Release lib/NetHelpfulness.Cli" >&2; exit 1; }
nethelp=lib/NetHelpfulness.Cli/bin/Release/net10.0/nethelp
ours_out=$(mktemp); theirs_out=$(mktemp); r_log=$(mktemp)
trap 'rm -f "$ours_out" "$theirs_out" "$r_log"' EXIT

seconds() { # the wall time of one run of a command (its stdout to the file $1), in seconds
  local out=$1 start end; shift
  start=$(date +%s.%N); "$@" >"$out"; end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

best_ours=""; best_r=""
for run in $(seq "$runs"); do
  ours=$(seconds "$ours_out" "$nethelp" score --input "$input" --layout wide --scenario-prefix q_ --weight weight --strata stratum \
    --calibrate "$margins" --calibration rake --format csv)
  theirs=$(seconds "$theirs_out" Rscript tests/reference/bench-calibration.R run "$input" "$margins" 2>"$r_log")
  printf 'run %d: nethelp %.2f s, R %.2f s (%s)\n' "$run" "$ours" "$theirs" "$(grep -E 'rake|svymean' "$r_log" | sed 's/^R //; s/  */ /g' | paste -sd ';' -)"
  if [ -z "$best_ours" ] || [ "$(echo "$ours < $best_ours" | bc -l)" = 1 ]; then best_ours=$ours; fi
  if [ -z "$best_r" ] || [ "$(echo "$theirs < $best_r" | bc -l)" = 1 ]; then best_r=$theirs; fi
done
printf 'best of %d, %d respondents: nethelp %.2f s, R %.2f s, ratio %.1fx\n' "$runs" "$respondents" "$best_ours" "$best_r" "$(echo "$best_r / $best_ours" | bc -l)"
# The same numbers? Largest differences of the net scores and of their SEs (relative).
python3 - "$ours_out" "$theirs_out" <<'PY'
import csv, sys
ours = {r["scenario"]: r for r in csv.DictReader(open(sys.argv[1]))}
theirs = {r["scenario"]: r for r in csv.DictReader(open(sys.argv[2]))}
net = max(abs(float(ours[s]["net"]) - float(t["net"])) for s, t in theirs.items())
se = max(abs(float(ours[s]["se"]) / float(t["se"]) - 1) for s, t in theirs.items())
print(f"largest difference from R: net {net:.2e}, SE {se:.2e} relative")
PY
printf 'machine: %s, %s cores, load average %s\n' "$(uname -m)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"

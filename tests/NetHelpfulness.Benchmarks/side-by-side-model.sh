#!/usr/bin/env bash
# Side-by-side with R for the design-based model (issue 14): the same fits, whole process against whole process, one run.
#   nethelp: model --weight weight --strata country --scenarios CAT --terms "relationship*tracking + country" [--outcome helpful]
#   R:       tests/reference/model-bench.R (svyglm on the stacked data, ids = ~respondent_id, strata = ~country; regTermTest)
# Usage, from the repository root:  bash tests/NetHelpfulness.Benchmarks/side-by-side-model.sh [ratings=10000000]
# The file (ratings / 10 respondents × 10 scenarios, synthetic, uniform ratings, 1% skipped) and its catalogue are written
# to the temp folder by the benchmark project, not committed. Needs R with survey (apt-get install -y r-base-core
# r-cran-survey) and GNU time (/usr/bin/time). R needs about 1.5 GB of memory per million ratings (18 GB at 10^7 for the
# logistic fit); each R run is capped at 20 GB of virtual memory so that it fails instead of pressing the machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
ratings=${1:-10000000}
dotnet build -c Release lib/NetHelpfulness.Cli -v q -nologo >/dev/null || { echo "build failed: dotnet build -c Release lib/NetHelpfulness.Cli" >&2; exit 1; }
dotnet build -c Release tests/NetHelpfulness.Benchmarks -v q -nologo >/dev/null || { echo "build failed: tests/NetHelpfulness.Benchmarks" >&2; exit 1; }
mapfile -t files < <(dotnet tests/NetHelpfulness.Benchmarks/bin/Release/net10.0/NetHelpfulness.Benchmarks.dll model-files "$ratings")
input=${files[0]}; catalogue=${files[1]}
nethelp=lib/NetHelpfulness.Cli/bin/Release/net10.0/nethelp
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

run() { # name, command...: wall seconds and peak resident memory of one run
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$out/$name.time" "$@" > "$out/$name.out"
  read -r wall kb < "$out/$name.time"
  printf '%-16s %8.1f s  %6.2f GB\n' "$name" "$wall" "$(echo "$kb / 1048576" | bc -l)"
}

echo "$ratings ratings: $input"
run nethelp-linear "$nethelp" model --input "$input" --weight weight --strata country --scenarios "$catalogue" --terms "relationship*tracking + country" --format csv
run nethelp-logit "$nethelp" model --input "$input" --weight weight --strata country --scenarios "$catalogue" --terms "relationship*tracking + country" --outcome helpful --format csv
run R-linear bash -c "ulimit -v 20000000; exec Rscript tests/reference/model-bench.R '$input' '$catalogue' linear"
run R-logit bash -c "ulimit -v 20000000; exec Rscript tests/reference/model-bench.R '$input' '$catalogue' logit"
head -1 "$out/R-linear.out"; head -1 "$out/R-logit.out"

# The two sides' coefficients and standard errors, compared.
python3 - "$out" <<'PY'
import csv, sys
out = sys.argv[1]
for ours, theirs in (("nethelp-linear", "R-linear"), ("nethelp-logit", "R-logit")):
    mine = {r["name"]: r for r in csv.DictReader(open(f"{out}/{ours}.out")) if r["section"] == "coefficient"}
    rows = list(csv.DictReader(l for l in open(f"{out}/{theirs}.out") if not l.startswith("rows")))
    d = max(abs(float(mine[r["term"]]["estimate"]) - float(r["estimate"])) for r in rows)
    s = max(abs(float(mine[r["term"]]["se"]) / float(r["se"]) - 1) for r in rows)
    print(f"{ours} vs {theirs}: {len(rows)} coefficients, largest difference {d:.1e} (estimate), {s:.1e} (relative, SE)")
PY
printf 'machine: %s, %s cores, %s GB, load average %s\n' "$(uname -m)" "$(nproc)" "$(free -g | awk '/Mem:/ {print $2}')" "$(cut -d' ' -f1-3 /proc/loadavg)"

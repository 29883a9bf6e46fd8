#!/usr/bin/env bash
# Scaling of whole `nethelp` processes with the number of ratings (issue 17): time and peak resident memory
# (/usr/bin/time -f '%e %M') of score (linearized; stratified bootstrap), compare, weight (raking) and model on
# SYNTHETIC long files of 10^5 .. 10^8 ratings (10 scenarios per respondent; ids, 10 countries, 2 genders, a weight per
# respondent, ~5 % of ratings not answered), written by mawk into $SCALING_DIR (default artifacts/scaling, never committed)
# and deleted after each size. Appends to tests/NetHelpfulness.Benchmarks/scaling.csv:
#   command,ratings,seconds,peak_MB,exit_code,load_average
# The machine is shared: the 1-minute load average at the start of each run is recorded beside it.
# Usage, from the repository root (after `dotnet build -c Release lib/NetHelpfulness.Cli`):
#   tests/NetHelpfulness.Benchmarks/scaling.sh [SIZES]
# SIZES defaults to "100000 1000000 10000000 100000000". Per-command limits (largest size each runs at), env:
#   SCORE_MAX (10^8), BOOTSTRAP_MAX (10^7), COMPARE_MAX (10^8), WEIGHT_MAX (10^8), MODEL_MAX (10^7); NETHELP (the binary).
set -euo pipefail
cd "$(dirname "$0")/../.."
nethelp=${NETHELP:-lib/NetHelpfulness.Cli/bin/Release/net10.0/nethelp}
dir=${SCALING_DIR:-artifacts/scaling}
sizes=${1:-"100000 1000000 10000000 100000000"}
out=tests/NetHelpfulness.Benchmarks/scaling.csv
mkdir -p "$dir"
[ -f "$out" ] || echo "command,ratings,seconds,peak_MB,exit_code,load_average" > "$out"

# SYNTHETIC: respondents of 10 scenarios each; the weight is constant within a respondent, as the contract requires.
generate() {
  local ratings=$1 file=$2
  mawk -v n=$((ratings / 10)) 'BEGIN {
    srand(20261202); split("DE FR IT ES NL PL SE AT BE PT", country, " ")
    print "respondent_id,country,gender,weight,scenario,rating"
    for (i = 1; i <= n; i++) {
      c = country[int(rand() * 10) + 1]; g = rand() < 0.5 ? "female" : "male"; w = sprintf("%.4f", 0.25 + rand() * 2)
      for (s = 1; s <= 10; s++) {
        u = rand(); r = u < 0.05 ? "" : int(u * 5) + 1
        printf "r%d,%s,%s,%s,s%d,%s\n", i, c, g, w, s, r
      }
    }
  }' > "$file"
}

# Raking to illustrative margins (shares): 10 equal countries, an even gender split.
margins="$dir/margins.csv"
{
  echo "variable,level,total"
  for c in DE FR IT ES NL PL SE AT BE PT; do echo "country,$c,0.1"; done
  echo "gender,female,0.5"; echo "gender,male,0.5"
} > "$margins"

run() {
  local name=$1 ratings=$2 max=$3; shift 3
  if [ "$ratings" -gt "$max" ]; then return; fi
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  local code=0
  /usr/bin/time -f '%e %M' -o "$dir/time.txt" "$nethelp" "$@" > "$dir/stdout.txt" 2> "$dir/stderr.txt" || code=$?
  read -r seconds kb < <(tail -1 "$dir/time.txt")
  echo "$name,$ratings,$seconds,$((kb / 1024)),$code,$load" | tee -a "$out"
  if [ "$code" -ne 0 ]; then head -3 "$dir/stderr.txt" >&2; fi
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
for ratings in $sizes; do
  file="$dir/scaling-$ratings.csv"
  echo "writing $file (SYNTHETIC, $ratings ratings); disk: $(df -h --output=avail "$dir" | tail -1)"
  generate "$ratings" "$file"
  run score-linearized "$ratings" "${SCORE_MAX:-100000000}" score --input "$file" --weight weight
  run score-bootstrap-1000 "$ratings" "${BOOTSTRAP_MAX:-10000000}" score --input "$file" --weight weight --strata country --ci bootstrap-percentile --replicates 1000
  run compare-pair "$ratings" "${COMPARE_MAX:-100000000}" compare --input "$file" --weight weight --a s1 --b s2
  run weight-rake "$ratings" "${WEIGHT_MAX:-100000000}" weight --input "$file" --weight weight --margins "$margins" --margins-as-shares --population 1000000 --method rake --out "$dir/weights.csv" --force
  run model-linear "$ratings" "${MODEL_MAX:-10000000}" model --input "$file" --weight weight --strata country --terms "country + gender"
  rm -f "$file" "$dir/weights.csv"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# Set-up time as a new user meets it: `make extract` on a fresh clone of this
# repository's HEAD with every package cache disabled, three runs, the median.
#
# usage: bash bench/setup.sh [uv|pip] [runs]
#   uv:  the default installer (uv, itself installed from PyPI, parallel downloads)
#   pip: the fallback (FUSION_CENTERS_PIP=1), one wheel at a time
# Prints each run's wall seconds and CPU seconds (user + system, children
# included: what the run costs whatever else the machine does) with the load
# average before it, then the medians.
set -euo pipefail
installer=${1:-uv}
runs=${2:-3}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export UV_NO_CACHE=1 PIP_NO_CACHE_DIR=1
[ "$installer" = pip ] && export FUSION_CENTERS_PIP=1
TIMEFORMAT='%R %U %S'
walls=()
cpus=()
for run in $(seq "$runs"); do
  rm -rf "$work/clone"
  git clone --quiet "$repo" "$work/clone"
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  { time make -C "$work/clone" --no-print-directory extract >"$work/log" 2>&1 ; } 2>"$work/time" \
    || { cat "$work/log"; exit 1; }
  read -r wall user sys <"$work/time"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')
  walls+=("$wall")
  cpus+=("$cpu")
  printf 'run %d  %s  %6.1f s wall  %5.1f s CPU  (load before: %s)\n' "$run" "$installer" "$wall" "$cpu" "$load"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf 'median of %d: make extract %.1f s wall, %.1f s CPU, with %s, no cache (%s cores)\n' \
  "$runs" "$(median "${walls[@]}")" "$(median "${cpus[@]}")" "$installer" "$(nproc)"

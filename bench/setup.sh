#!/usr/bin/env bash
# Set-up time as a new user meets it: `make extract` on a fresh clone of this
# repository's HEAD with every package cache disabled, three runs, the median.
#
# usage: bash bench/setup.sh [uv|pip] [runs]
#   uv:  the default installer (uv, itself installed from PyPI, parallel downloads)
#   pip: the fallback (FUSION_CENTERS_PIP=1), one wheel at a time
# Prints each run's wall seconds with the load average before it, then the median.
set -euo pipefail
installer=${1:-uv}
runs=${2:-3}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export UV_NO_CACHE=1 PIP_NO_CACHE_DIR=1
[ "$installer" = pip ] && export FUSION_CENTERS_PIP=1
times=()
for run in $(seq "$runs"); do
  rm -rf "$work/clone"
  git clone --quiet "$repo" "$work/clone"
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  start=$(date +%s%N)
  make -C "$work/clone" --no-print-directory extract >"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  seconds=$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))
  times+=("$seconds")
  printf 'run %d  %s  %6.1f s  (load before: %s)\n' "$run" "$installer" "$seconds" "$load"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
printf 'median of %d: make extract %.1f s with %s, no cache (%s cores)\n' "$runs" "$median" "$installer" "$(nproc)"

#!/usr/bin/env bash
# Start-up of the user-switch helper: `bin/teleport exec` run as SessionProcess runs it (minimal
# environment, the session's environment on fd 3) switching to another user and execve'ing
# /bin/true, RUNS times; against /bin/true alone for the floor. Every session started as another
# user pays this. Needs root and ./build.sh; creates the tp-srv-test user the tests use.
# The last line is `exec-helper ms=<median per run>`.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-20}
user=tp-srv-test
id "$user" >/dev/null 2>&1 || useradd -m "$user"
uid=$(id -u "$user"); gid=$(id -g "$user"); groups=$(id -G "$user" | tr ' ' ,); home=$(getent passwd "$user" | cut -d: -f6)

run_helper() {
  env -i DOTNET_EnableDiagnostics=0 DOTNET_TieredPGO=0 ${DOTNET_ROOT:+DOTNET_ROOT="$DOTNET_ROOT"} \
    bin/teleport exec --uid="$uid" --gid="$gid" --groups="$groups" --home="$home" --program=/bin/true -- true \
    3< <(printf 'PATH=/usr/bin:/bin\0\0')
}

median_ms() {
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N); "$@"; end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] / 1000 }'
}

run_helper # warm the page cache
echo "/bin/true alone: $(median_ms /bin/true) ms (median of $runs)"
helper=$(median_ms run_helper)
echo "teleport exec as $user then /bin/true: $helper ms (median of $runs)"
echo "exec-helper ms=$helper"

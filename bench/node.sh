#!/usr/bin/env bash
# Our node (the Teleport SSH service, a real `bin/teleport start` joined to a real Auth service)
# against OpenSSH's sshd, side by side on loopback, with the same OpenSSH client, the same
# tctl-signed user certificate and the same key exchange (curve25519-sha256, pinned: OpenSSH 9.2
# would otherwise pick sntrup761x25519 with sshd, which we do not offer). sshd trusts the cluster's
# user CA (tctl auth export --type=openssh) and presents a host certificate signed by the cluster's
# host CA (tctl auth sign --host), so one known_hosts (@cert-authority * <host CA>) serves both.
#   connect      - median wall time of `ssh host true` over RUNS runs, ours and sshd alternating
#   MB/s         - 1 GiB through `cat > /dev/null` with aes128-gcm, median of ROUNDS alternating rounds
#   sessions/s   - SESSIONS `ssh host true` from 8 parallel loops, over the wall time
#   CPU/session  - the server's utime+stime+cutime+cstime (/proc/PID/stat; sshd's per-connection
#                  processes are reaped children, so they land in the listener's cutime/cstime)
#                  across the sessions/s phase, divided by SESSIONS
#   memory       - PSS of the server and all its descendants, idle and holding 100 sessions
#                  (`ssh host sleep 600`); per session = (with 100 - idle) / 100
# The last line is `ratio throughput=<ours/sshd> connect=<ours/sshd> mem_per_session_kib=<ours>`.
# Needs root (sshd, and logins as root). Env: RUNS (30), ROUNDS (3), SESSIONS (80), HELD (100).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/sshd.sh
runs=${RUNS:-30}
rounds=${ROUNDS:-3}
sessions=${SESSIONS:-80}
held=${HELD:-100}
parallel=8
bytes=$((1024 * 1024 * 1024))

[ -x bin/teleport ] && [ -x bin/tctl ] || ./build.sh >/dev/null

work=$(mktemp -d /tmp/node-bench.XXXXXX)
pids=()
clients=()
cleanup() {
  set +e
  for pid in "${clients[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  done
  pkill -f "$work/" 2>/dev/null # anything left that names our temp dir (ssh clients)
  wait 2>/dev/null
  [[ -n ${KEEP:-} ]] && echo "kept $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
auth_port=$(free_port)
node_port=$(free_port)
sshd_port=$(free_port)
token=bench-static-token-1234

wait_running() { # pid log [port]: "is running" in the log (INFO), or, at WARN, the port listening
  for _ in $(seq 600); do
    grep -q "is running" "$2" 2>/dev/null && return 0
    [[ -n ${3:-} ]] && ss -ltn | grep -q "127.0.0.1:$3 " && return 0
    kill -0 "$1" 2>/dev/null || { echo "process exited:" >&2; cat "$2" >&2; exit 1; }
    sleep 0.1
  done
  echo "timed out waiting for $2" >&2; cat "$2" >&2; exit 1
}

cat >"$work/auth.yaml" <<CONFIG
version: v3
teleport:
  nodename: bench-auth
  data_dir: $work/auth
auth_service:
  enabled: yes
  listen_addr: 127.0.0.1:$auth_port
  cluster_name: bench.local
  tokens: ["node:$token"]
ssh_service:
  enabled: no
proxy_service:
  enabled: no
CONFIG
bin/teleport start -c "$work/auth.yaml" >"$work/auth.log" 2>&1 &
pids+=($!)
auth_pid=$!
wait_running "$auth_pid" "$work/auth.log"
tctl() { bin/tctl -c "$work/auth.yaml" "$@"; }

cat >"$work/node.yaml" <<CONFIG
version: v3
teleport:
  nodename: bench-node
  data_dir: $work/node
  auth_server: 127.0.0.1:$auth_port
  join_params:
    token_name: $token
    method: token
  log:
    severity: WARN
auth_service:
  enabled: no
ssh_service:
  enabled: yes
  listen_addr: 127.0.0.1:$node_port
proxy_service:
  enabled: no
CONFIG
bin/teleport start -c "$work/node.yaml" >"$work/node.log" 2>&1 &
pids+=($!)
node_pid=$!

tctl create -f - >/dev/null <<ROLE
kind: role
version: v7
metadata:
  name: bench
spec:
  allow:
    logins: [root]
    node_labels:
      '*': '*'
ROLE
tctl users add bench --roles=bench >/dev/null
tctl auth sign --user=bench --out="$work/user" --ttl=2h >/dev/null
tctl auth export --type=host | awk 'NF >= 4 { print "@cert-authority * " $3 " " $4 }' >"$work/known_hosts"
tctl auth export --type=openssh | sed 's/^cert-authority //' >"$work/user_ca.pub"
tctl auth sign --host=127.0.0.1 --format=openssh --out="$work/sshd_host" --ttl=2h >/dev/null
host_cert=$(ls "$work"/sshd_host*-cert.pub | head -1)
[ -s "$work/known_hosts" ] && [ -s "$work/user_ca.pub" ] && [ -s "$work/sshd_host" ] && [ -s "$host_cert" ] \
  || { echo "tctl did not write the keys:" >&2; ls -l "$work" >&2; exit 1; }
chmod 600 "$work/user" "$work/sshd_host"

start_sshd "$work" "$sshd_port" "$work/sshd_host" "$work/user_ca.pub" "HostCertificate $host_cert" "PermitRootLogin yes"

wait_running "$node_pid" "$work/node.log" "$node_port"
for _ in $(seq 100); do
  ss -ltn | grep -q "127.0.0.1:$sshd_port " && ss -ltn | grep -q "127.0.0.1:$node_port " && break
  sleep 0.1
done

ssh_opts=(-F /dev/null -i "$work/user" -o CertificateFile="$work/user-cert.pub" -o IdentitiesOnly=yes
  -o UserKnownHostsFile="$work/known_hosts" -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes
  -o BatchMode=yes -o ConnectTimeout=10 -o LogLevel=ERROR -o KexAlgorithms=curve25519-sha256)
ssh_to() { local port=$1; shift; timeout 900 ssh "${ssh_opts[@]}" -p "$port" "$@"; } # port, options, host, command
now_ns() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; print m}'; }
ms_since() { awk -v s="$1" -v e="$(now_ns)" 'BEGIN { printf "%.2f\n", (e - s) / 1e6 }'; }

# Both must accept the certificate before anything is timed (this also warms our node's JIT).
for port in "$node_port" "$sshd_port"; do
  for _ in 1 2 3; do ssh_to "$port" root@127.0.0.1 true; done
done

# connect
progress() { echo "# $(date +%T) $*" >&2; }
progress connect
ours_times=()
sshd_times=()
for _ in $(seq "$runs"); do
  s=$(now_ns); ssh_to "$node_port" root@127.0.0.1 true; ours_times+=("$(ms_since "$s")")
  s=$(now_ns); ssh_to "$sshd_port" root@127.0.0.1 true; sshd_times+=("$(ms_since "$s")")
done
ours_connect=$(printf '%s\n' "${ours_times[@]}" | median)
sshd_connect=$(printf '%s\n' "${sshd_times[@]}" | median)

# throughput
progress throughput
throughput_mbs() { # port
  local s e
  s=$(now_ns)
  head -c "$bytes" /dev/zero | ssh_to "$1" -c aes128-gcm@openssh.com root@127.0.0.1 'cat > /dev/null'
  e=$(now_ns)
  awk -v b="$bytes" -v ns=$((e - s)) 'BEGIN { printf "%.1f\n", b / 1e6 / (ns / 1e9) }'
}
for port in "$node_port" "$sshd_port"; do # warm-up
  head -c 200000000 /dev/zero | ssh_to "$port" -c aes128-gcm@openssh.com root@127.0.0.1 'cat > /dev/null'
done
ours_runs=()
sshd_runs=()
for _ in $(seq "$rounds"); do
  ours_runs+=("$(throughput_mbs "$node_port")")
  sshd_runs+=("$(throughput_mbs "$sshd_port")")
done
ours_mbs=$(printf '%s\n' "${ours_runs[@]}" | median)
sshd_mbs=$(printf '%s\n' "${sshd_runs[@]}" | median)

# sessions per second and CPU per session
cpu_ticks() { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat"; }
tck=$(getconf CLK_TCK)
sessions_phase() { # port pid -> "sessions/s cpu-ms/session"
  local port=$1 pid=$2 per=$((sessions / parallel)) loops=() c0 c1 s e
  c0=$(cpu_ticks "$pid")
  s=$(now_ns)
  for _ in $(seq "$parallel"); do
    ( for _ in $(seq "$per"); do ssh_to "$port" root@127.0.0.1 true; done ) &
    loops+=($!)
  done
  for l in "${loops[@]}"; do wait "$l"; done
  e=$(now_ns)
  sleep 0.5 # let sshd reap its last children
  c1=$(cpu_ticks "$pid")
  awk -v n=$((per * parallel)) -v ns=$((e - s)) -v t=$((c1 - c0)) -v hz="$tck" \
    'BEGIN { printf "%.1f %.2f\n", n / (ns / 1e9), t * 1000 / hz / n }'
}
progress sessions/s
read -r ours_sps ours_cpu < <(sessions_phase "$node_port" "$node_pid")
read -r sshd_sps sshd_cpu < <(sessions_phase "$sshd_port" "$sshd_pid")

# memory
descendants() { echo "$1"; for child in $(pgrep -P "$1"); do descendants "$child"; done; }
pss_kib() {
  local total=0 p
  for p in $(descendants "$1"); do
    [[ -r /proc/$p/smaps_rollup ]] || continue
    total=$((total + $(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
held_memory() { # port pid -> held_idle held_with
  local port=$1 pid=$2 n=0
  sleep 1
  held_idle=$(pss_kib "$pid")
  clients=()
  for _ in $(seq "$held"); do
    ssh "${ssh_opts[@]}" -p "$port" -o ServerAliveInterval=0 root@127.0.0.1 sleep 600 </dev/null >/dev/null 2>&1 &
    clients+=($!)
  done
  for _ in $(seq 600); do
    n=$(ss -tn state established "( sport = :$port )" | tail -n +2 | wc -l)
    [[ $n -ge $held ]] && break
    sleep 0.1
  done
  [[ $n -ge $held ]] || echo "warning: only $n of $held sessions established on :$port" >&2
  sleep 2 # sessions started (shell processes forked) after the TCP handshake
  held_with=$(pss_kib "$pid")
  kill "${clients[@]}" 2>/dev/null || true
  wait "${clients[@]}" 2>/dev/null || true
  clients=()
}
progress "memory with $held sessions"
held_memory "$node_port" "$node_pid"; ours_idle=$held_idle; ours_with=$held_with
sleep 2
held_memory "$sshd_port" "$sshd_pid"; sshd_idle=$held_idle; sshd_with=$held_with
ours_per=$(( (ours_with - ours_idle) / held ))
sshd_per=$(( (sshd_with - sshd_idle) / held ))

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
printf '%-40s %12s %12s %10s\n' "" ours sshd ours/sshd
printf '%-40s %12s %12s %10s\n' "connect, ssh host true (median of $runs, ms)" "$ours_connect" "$sshd_connect" "$(ratio "$ours_connect" "$sshd_connect")"
printf '%-40s %12s %12s %10s\n' "1 GiB aes128-gcm (median of $rounds, MB/s)" "$ours_mbs" "$sshd_mbs" "$(ratio "$ours_mbs" "$sshd_mbs")"
printf '%-40s %12s %12s %10s\n' "sessions/s ($sessions, $parallel parallel)" "$ours_sps" "$sshd_sps" "$(ratio "$ours_sps" "$sshd_sps")"
printf '%-40s %12s %12s %10s\n' "server CPU per session (ms)" "$ours_cpu" "$sshd_cpu" "$(ratio "$ours_cpu" "$sshd_cpu")"
printf '%-40s %12s %12s %10s\n' "PSS idle (KiB)" "$ours_idle" "$sshd_idle" "$(ratio "$ours_idle" "$sshd_idle")"
printf '%-40s %12s %12s %10s\n' "PSS with $held sessions (KiB)" "$ours_with" "$sshd_with" "$(ratio "$ours_with" "$sshd_with")"
printf '%-40s %12s %12s %10s\n' "PSS per session (KiB)" "$ours_per" "$sshd_per" "$(ratio "$ours_per" "$sshd_per")"
echo "# throughput rounds: ours ${ours_runs[*]}; sshd ${sshd_runs[*]}"
printf 'ratio throughput=%s connect=%s mem_per_session_kib=%d\n' \
  "$(ratio "$ours_mbs" "$sshd_mbs")" "$(ratio "$ours_connect" "$sshd_connect")" "$ours_per"

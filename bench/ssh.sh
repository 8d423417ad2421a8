#!/usr/bin/env bash
# Our SSH server (tests/Teleport.Ssh.TestServer) against OpenSSH's sshd, side by side on loopback,
# with the same OpenSSH client, the same CA-signed user certificate and the same key exchange
# (curve25519-sha256: OpenSSH 9.2 would otherwise pick its post-quantum sntrup761 hybrid with sshd,
# which we do not offer, and the comparison would measure that instead):
#   connect  - median wall time of `ssh host true` over 30 runs
#   MB/s     - 1 GiB through `cat > /dev/null`, with aes128-gcm and with chacha20-poly1305: the
#              median of ROUNDS transfers, ours and sshd alternating, so drift hits both alike
#   memory   - proportional set size of the server holding 100 idle connections
# The last line is `ratio throughput=<ours/sshd> connect=<ours/sshd>`. Needs root (sshd).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/sshd.sh
runs=${RUNS:-30}
rounds=${ROUNDS:-5}
bytes=$((1024 * 1024 * 1024))
idle=${IDLE_CONNECTIONS:-100}

dotnet build tests/Teleport.Ssh.TestServer -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
server_dll=tests/Teleport.Ssh.TestServer/bin/Release/net10.0/Teleport.Ssh.TestServer.dll

work=$(mktemp -d /tmp/ssh-bench.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  pkill -f "$work" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ours_port=$(free_port)
sshd_port=$(free_port)

ssh-keygen -q -t ed25519 -N '' -C bench-ca -f "$work/ca"
ssh-keygen -q -t ed25519 -N '' -C bench-user -f "$work/user"
ssh-keygen -q -s "$work/ca" -I bench -n "$(id -un)" -V -5m:+2h "$work/user.pub"
ssh-keygen -q -t ed25519 -N '' -f "$work/sshd_host_key"

dotnet "$server_dll" --listen "127.0.0.1:$ours_port" --host-key-dir "$work" --trusted-user-ca "$work/ca.pub" >"$work/ours.log" 2>&1 &
pids+=($!)
ours_pid=$!

start_sshd "$work" "$sshd_port" "$work/sshd_host_key" "$work/ca.pub"

for _ in $(seq 100); do
  [[ -s "$work/ssh_host_ed25519_key.pub" ]] && ss -ltn | grep -q ":$sshd_port " && ss -ltn | grep -q ":$ours_port " && break
  sleep 0.1
done
{
  echo "[127.0.0.1]:$ours_port $(cat "$work/ssh_host_ed25519_key.pub")"
  echo "[127.0.0.1]:$sshd_port $(cat "$work/sshd_host_key.pub")"
} >"$work/known_hosts"

ssh_to() { # port, extra options..., then -- command
  local port=$1; shift
  ssh -F /dev/null -p "$port" -i "$work/user" -o CertificateFile="$work/user-cert.pub" -o IdentitiesOnly=yes \
    -o UserKnownHostsFile="$work/known_hosts" -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes \
    -o BatchMode=yes -o LogLevel=ERROR -o KexAlgorithms=curve25519-sha256 "$@"
}

now_ns() { date +%s%N; }

connect_median_ms() { # port
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(now_ns)
    ssh_to "$1" "$(id -un)@127.0.0.1" true
    end=$(now_ns)
    times+=($(((end - start) / 1000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f\n", m/1000}'
}

throughput_mbs() { # port cipher
  local start end
  start=$(now_ns)
  head -c "$bytes" /dev/zero | ssh_to "$1" -c "$2" "$(id -un)@127.0.0.1" 'cat > /dev/null'
  end=$(now_ns)
  awk -v b="$bytes" -v ns=$((end - start)) 'BEGIN { printf "%.1f\n", b / 1e6 / (ns / 1e9) }'
}

descendants() { # pid: the pid and every process below it
  echo "$1"
  for child in $(pgrep -P "$1"); do descendants "$child"; done
}

pss_kib() { # root pid: sum of PSS over the process and its descendants (sshd forks per connection)
  local total=0
  for p in $(descendants "$1"); do
    [[ -r /proc/$p/smaps_rollup ]] || continue
    total=$((total + $(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup")))
  done
  echo "$total"
}

idle_memory_kib() { # port server-pid
  local port=$1 server=$2 clients=()
  for _ in $(seq "$idle"); do
    ssh_to "$port" -N "$(id -un)@127.0.0.1" 2>/dev/null &
    clients+=($!)
  done
  for _ in $(seq 300); do
    [[ $(ss -tn state established "( sport = :$port )" | tail -n +2 | wc -l) -ge $idle ]] && break
    sleep 0.1
  done
  sleep 1
  local kib
  kib=$(pss_kib "$server")
  kill "${clients[@]}" 2>/dev/null || true
  wait "${clients[@]}" 2>/dev/null || true
  echo "$kib"
}

ssh_to "$ours_port" "$(id -un)@127.0.0.1" true
ssh_to "$sshd_port" "$(id -un)@127.0.0.1" true

echo "# connect: median of $runs runs of ssh host true (ms)"
ours_connect=$(connect_median_ms "$ours_port")
sshd_connect=$(connect_median_ms "$sshd_port")
echo "ours $ours_connect  sshd $sshd_connect"

echo "# throughput: 1 GiB through cat > /dev/null, median of $rounds alternating rounds (MB/s)"
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; print m}'; }
ours_total=0
sshd_total=0
for cipher in aes128-gcm@openssh.com chacha20-poly1305@openssh.com; do
  # Warm-up: our server's code is compiled while it runs (tiered JIT); sshd needs no such start.
  for port in "$ours_port" "$sshd_port"; do
    head -c 200000000 /dev/zero | ssh_to "$port" -c "$cipher" "$(id -un)@127.0.0.1" 'cat > /dev/null'
  done
  ours_runs=()
  sshd_runs=()
  for _ in $(seq "$rounds"); do
    ours_runs+=("$(throughput_mbs "$ours_port" "$cipher")")
    sshd_runs+=("$(throughput_mbs "$sshd_port" "$cipher")")
  done
  ours=$(printf '%s\n' "${ours_runs[@]}" | median)
  sshd=$(printf '%s\n' "${sshd_runs[@]}" | median)
  echo "$cipher  ours $ours  sshd $sshd  (ours: ${ours_runs[*]}; sshd: ${sshd_runs[*]})"
  ours_total=$(awk -v a="$ours_total" -v b="$ours" 'BEGIN { print a + b }')
  sshd_total=$(awk -v a="$sshd_total" -v b="$sshd" 'BEGIN { print a + b }')
done

echo "# memory: PSS with $idle idle connections (KiB)"
ours_idle_base=$(pss_kib "$ours_pid")
ours_mem=$(idle_memory_kib "$ours_port" "$ours_pid")
sshd_mem=$(idle_memory_kib "$sshd_port" "$sshd_pid")
echo "ours $ours_mem (idle server alone $ours_idle_base)  sshd $sshd_mem"

awk -v ot="$ours_total" -v st="$sshd_total" -v oc="$ours_connect" -v sc="$sshd_connect" \
  'BEGIN { printf "ratio throughput=%.2f connect=%.2f\n", ot / st, oc / sc }'

# Sourced by the bench scripts: the reference sshd they measure against, on loopback, certificate
# logins only, limits raised so it is never the one refusing parallel connections.
# start_sshd WORK PORT HOST_KEY USER_CA [EXTRA_LINE...] writes WORK/sshd_config, starts sshd in the
# foreground in the background, appends its pid to the caller's pids array and sets sshd_pid.
start_sshd() {
  local work=$1 port=$2 host_key=$3 user_ca=$4
  shift 4
  printf '%s\n' "Port $port" "ListenAddress 127.0.0.1" "HostKey $host_key" "TrustedUserCAKeys $user_ca" \
    "AuthorizedKeysFile none" "PasswordAuthentication no" "KbdInteractiveAuthentication no" \
    "UsePAM no" "StrictModes no" "MaxStartups 200" "MaxSessions 200" \
    "PidFile $work/sshd.pid" "LogLevel ERROR" "$@" >"$work/sshd_config"
  mkdir -p /run/sshd
  /usr/sbin/sshd -D -f "$work/sshd_config" -E "$work/sshd.log" &
  pids+=($!)
  sshd_pid=$!
}

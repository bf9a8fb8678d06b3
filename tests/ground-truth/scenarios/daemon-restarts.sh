#!/bin/bash
# Records a scenario whose .cmds restarts dockerd (32-daemon-restart, 41-daemon-ipv6). The instrument's
# dockerd is not a systemd service, so the .cmds is cut at each `systemctl restart docker` /
# `service docker restart` line and at each `dockerd ...` line. Each piece is recorded by
# record-transcript (the first on a fresh engine, the others appended against the running daemon);
# for a cut line this script writes the transcript itself:
# - a restart is done as systemd does it: SIGTERM to dockerd alone (docker.service has
#   KillMode=process), wait for it to exit (it stops its containers first), then `real-docker start`
#   on the same data-root and network namespace (`real-docker stop` would also delete the namespace,
#   and with it docker0 and the iptables rules a real host keeps). dockerd reads
#   /etc/docker/daemon.json as it starts. A start that succeeds prints nothing (systemctl's way); one
#   where dockerd exits with an error prints systemd's job failure (systemd 252's wording, from its
#   source: the instrument has no systemd), and dockerd's own error is left to `dockerd --validate`.
# - `dockerd ARGS` runs the engine's own dockerd binary (the instrument's PATH has engine 20.10's).
# Run from the repository root, with INSTRUMENT set (scripts/instrument.sh), holding the lock:
#   flock -o /work/team/real-docker.lock tests/ground-truth/scenarios/daemon-restarts.sh NAME [26|20]
# (engine 20.10 writes era/NAME.txt).
set -euo pipefail
. "$(dirname "$0")/../../../scripts/instrument.sh"
T=$INSTRUMENT
name=${1:?scenario name}
engine=${2:-26}
out=tests/ground-truth/$([ "$engine" = 20 ] && echo era/ || true)$name.txt
log=/run/dlab/dockerd.log
dockerd26=/opt/real-docker-26/usr/sbin/dockerd
rm -f "$out"
piece=$(mktemp); first=1
record() {
  if [ $first = 1 ]; then $T/record-transcript --engine "$engine" "$out" < "$piece"; first=0
  else $T/record-transcript "$out" < "$piece"; fi
  : > "$piece"
}
restart() {
  local pid; pid=$(cat /run/dlab/docker.pid 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  fi
  rm -f "$log"
  # real-docker start waits a minute for a daemon that already gave up: watch dockerd's log instead.
  $T/real-docker start </dev/null >/dev/null 2>&1 &
  local starter=$! i
  for i in $(seq 600); do
    grep -qE 'API listen on|failed to start daemon|unable to configure the Docker daemon' "$log" 2>/dev/null && break
    sleep 0.2
  done
  if grep -q 'API listen on' "$log"; then
    wait "$starter"
    return 0
  fi
  kill "$starter" 2>/dev/null || true
  wait "$starter" 2>/dev/null || true
  return 1
}
# The .cmds is read on its own descriptor: nothing started in the loop can take its lines.
while IFS= read -r line <&3; do
  case "$line" in
    'systemctl restart docker'|'service docker restart')
      record
      if restart; then printf '$ %s\n[exit 0]\n\n' "$line" >> "$out"
      else
        printf '$ %s\n%s\n%s\n[exit 1]\n\n' "$line" \
          'Job for docker.service failed because the control process exited with error code.' \
          'See "systemctl status docker.service" and "journalctl -xeu docker.service" for details.' >> "$out"
      fi;;
    'dockerd '*)
      record
      set +e
      { printf '$ %s\n' "$line"; bash -c "$dockerd26 ${line#dockerd }" </dev/null 2>&1; printf '[exit %d]\n\n' $?; } >> "$out"
      set -e;;
    *) printf '%s\n' "$line" >> "$piece";;
  esac
done 3< "tests/ground-truth/scenarios/$name.cmds"
record
rm -f "$piece"

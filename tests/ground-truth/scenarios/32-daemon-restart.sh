#!/bin/bash
# Records 32-daemon-restart: the instrument's dockerd is not a systemd service, so the .cmds is cut at
# each `systemctl ...`/`service ...` line. Each piece is recorded by record-transcript (the first on a
# fresh engine 26, the others appended against the running daemon); for the cut line this script
# writes what systemctl prints on success (nothing) and restarts dockerd as systemd does: SIGTERM to
# dockerd alone (docker.service has KillMode=process), wait for it to exit (it stops its containers
# first), then `real-docker start` brings it up again on the same data-root and network namespace
# (`real-docker stop` would also delete the namespace, and with it docker0 and the iptables rules
# that a real host keeps). Run from the repository root, with INSTRUMENT set (scripts/instrument.sh),
# holding the instrument's lock:
#   flock -o /work/team/real-docker.lock tests/ground-truth/scenarios/32-daemon-restart.sh [26|20]
# (engine 20.10 writes era/32-daemon-restart.txt).
set -euo pipefail
. "$(dirname "$0")/../../../scripts/instrument.sh"
T=$INSTRUMENT
engine=${1:-26}
out=tests/ground-truth/$([ "$engine" = 20 ] && echo era/)32-daemon-restart.txt
rm -f "$out"
piece=$(mktemp); first=1
record() {
  if [ $first = 1 ]; then $T/record-transcript --engine "$engine" "$out" < "$piece"; first=0
  else $T/record-transcript "$out" < "$piece"; fi
  : > "$piece"
}
while IFS= read -r line; do
  case "$line" in
    'systemctl restart docker'|'service docker restart')
      record
      printf '$ %s\n[exit 0]\n\n' "$line" >> "$out"
      pid=$(cat /run/dlab/docker.pid)
      kill "$pid"
      while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
      $T/real-docker start >/dev/null;;
    *) printf '%s\n' "$line" >> "$piece";;
  esac
done < tests/ground-truth/scenarios/32-daemon-restart.cmds
record
rm -f "$piece"

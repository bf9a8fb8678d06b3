#!/bin/bash
# Records 41-daemon-ipv6 on engine 26 (daemon-restarts.sh says how). The instrument's dockerd reads
# this machine's /etc/docker/daemon.json, which the scenario writes: a file already there is set aside
# first and put back at the end, whatever happens, and dockerd is restarted without the scenario's
# file before the lock is released. Run from the repository root, holding the lock for all of it:
#   flock -o /work/team/real-docker.lock tests/ground-truth/scenarios/41-daemon-ipv6.sh
set -euo pipefail
. "$(dirname "$0")/../../../scripts/instrument.sh"
conf=/etc/docker/daemon.json
saved=$(mktemp)
had=0
if [ -e "$conf" ]; then cp -p "$conf" "$saved"; rm "$conf"; had=1; fi
cleanup() {
  rm -f "$conf"
  if [ $had = 1 ]; then cp -p "$saved" "$conf"; fi
  rm -f "$saved"
  "$INSTRUMENT/real-docker" stop >/dev/null
  "$INSTRUMENT/real-docker" start >/dev/null
}
trap cleanup EXIT
"$(dirname "$0")/daemon-restarts.sh" 41-daemon-ipv6 26

#!/bin/bash
# Records 32-daemon-restart (daemon-restarts.sh says how), holding the instrument's lock:
#   flock -o /work/team/real-docker.lock tests/ground-truth/scenarios/32-daemon-restart.sh [26|20]
exec "$(dirname "$0")/daemon-restarts.sh" 32-daemon-restart "$@"

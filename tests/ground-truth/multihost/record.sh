#!/bin/bash
# Records one multi-host scenario on the instrument's two-hosts (INSTRUMENT: scripts/instrument.sh): fresh daemons on
# h1 (192.168.0.101) and h2 (192.168.0.102), a header, then every line of scenarios/NAME.cmds.
# usage: tests/ground-truth/multihost/record.sh NAME     (e.g. 01-swarm; overwrites NAME.txt)
set -euo pipefail
. "$(dirname "$0")/../../../scripts/instrument.sh"
T=$INSTRUMENT/two-hosts
HERE=$(dirname "$(readlink -f "$0")")
name=$1
out=$HERE/$name.txt
$T stop >/dev/null
$T start >/dev/null
rm -f "$out"
ver=$($T exec h1 docker version -f '{{.Server.Version}}')
cli=$($T exec h1 docker version -f '{{.Client.Version}}')
cat > "$out" <<HDR
# GROUND TRUTH transcript recorded against TWO REAL Docker daemons (not a simulator): /work/shared/tools/two-hosts.
# Engine: Docker $ver on each host, client $cli. Hosts h1 (eth0 192.168.0.101/24) and h2 (eth0 192.168.0.102/24),
# each a network namespace with its own dockerd, joined by a Linux bridge in a third namespace (lan) and nothing else;
# default route via 192.168.0.1, which nobody holds. Image 'busybox:latest' = Debian busybox-static 1.35.0 imported locally.
# Format: '\$ [hN] COMMAND' (run on host hN), then stdout+stderr (2>&1), then '[exit N]', then a blank line.
# Starts from FRESH daemons (two-hosts stop; two-hosts start).
# Recorded: $(date -u '+%Y-%m-%d %H:%M UTC')
HDR
$T record "$out" < "$HERE/scenarios/$name.cmds"

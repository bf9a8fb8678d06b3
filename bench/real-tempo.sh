#!/bin/bash
# Records how long each command of bench/tempo.mjs takes on a real Docker 26 host (the isolated
# daemon of the instrument's real-docker): median of 5 wall times in ms, written to bench/real-tempo.json.
# Run from the repository root, as root, with INSTRUMENT set (scripts/instrument.sh) and no other
# recording going on (it restarts the daemon).
set -euo pipefail
. "$(dirname "$0")/../scripts/instrument.sh"
RD=$INSTRUMENT/real-docker
"$RD" stop --wipe >/dev/null && "$RD" start --engine 26 >/dev/null
eval "$("$RD" sh)"
NS="ip netns exec dlab"
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(((e - s) / 1000000)); }
median() { printf '%s\n' "$@" | sort -n | sed -n 3p; }
declare -A T
run5() { # label, setup, command..., teardown are in the caller
  local label=$1; shift; local v=(); for i in 1 2 3 4 5; do v+=("$("$@")"); done; T[$label]=$(median "${v[@]}"); }
t_create() { local m; m=$(ms docker network create tempo-x); docker network rm tempo-x >/dev/null; echo "$m"; }
docker network create tempo-net >/dev/null
t_run_web() { local m; m=$(ms docker run -d --name webx --network tempo-net -p 8081:80 busybox httpd -f -p 80); docker rm -f webx >/dev/null; echo "$m"; }
t_run_c() { local m; m=$(ms docker run -itd --name cx --network tempo-net busybox); docker rm -f cx >/dev/null; echo "$m"; }
run5 "docker network create tempo-net" t_create
run5 "docker run -d --name web --network tempo-net -p 8080:80 busybox httpd -f -p 80" t_run_web
run5 "docker run -itd --name c1 --network tempo-net busybox" t_run_c
docker run -d --name web --network tempo-net -p 8080:80 busybox httpd -f -p 80 >/dev/null
docker run -itd --name c1 --network tempo-net busybox >/dev/null
sleep 1
run5 "docker inspect web" ms docker inspect web
run5 "docker exec c1 ping -c 2 web" ms docker exec c1 ping -c 2 web
run5 "docker exec c1 wget -qO- web" ms docker exec c1 wget -qO- web
run5 "curl -s localhost:8080" ms $NS curl -s localhost:8080
run5 "docker exec c1 nslookup web" ms docker exec c1 nslookup web
docker rm -f web c1 >/dev/null; docker network rm tempo-net >/dev/null
{
  echo "{"
  echo "  \"recorded\": \"$(date -u +%Y-%m-%d) on engine $(docker version -f '{{.Server.Version}}') with client $(docker version -f '{{.Client.Version}}')\","
  echo "  \"commands\": {"
  n=0; for k in "${!T[@]}"; do n=$((n + 1)); sep=","; [ $n -eq ${#T[@]} ] && sep=""; echo "    \"$k\": ${T[$k]}$sep"; done
  echo "  }"
  echo "}"
} > "$(dirname "$0")/real-tempo.json"
cat "$(dirname "$0")/real-tempo.json"

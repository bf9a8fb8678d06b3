# Sourced by the recording scripts. The instrument they drive (real-docker, record-transcript,
# two-hosts: a real Docker sealed in its own network namespace) is not part of the project: name its
# folder in INSTRUMENT. `npm test` and `npm run bench` never need it; they read what was recorded.
if [ -z "${INSTRUMENT:-}" ] || [ ! -x "$INSTRUMENT/real-docker" ]; then
  echo "$0 records on the real Docker instrument: set INSTRUMENT to the folder holding real-docker," >&2
  echo "record-transcript and two-hosts (INSTRUMENT='${INSTRUMENT:-}' has no real-docker)." >&2
  echo "npm test and npm run bench do not need it: they read the committed recordings." >&2
  exit 1
fi

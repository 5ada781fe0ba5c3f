#!/usr/bin/env bash
# Runs the official Avi Python SDK (avisdk) against `avitui sim`.
# Usage: scripts/sdk-check.sh            (AVITUI=path/to/avitui to override the binary)
set -euo pipefail

cd "$(dirname "$0")/.."
AVISDK_VERSION="${AVISDK_VERSION:-32.1.4}"
AVITUI="${AVITUI:-.build/debug/avitui}"
VENV=".build/sdk-venv"
SES=14
CERTS=450
ALERTS=120
API_VERSION=31.2.1

if [[ ! -x "$AVITUI" ]]; then
    echo "sdk-check: $AVITUI not found; build first (swift build) or set AVITUI" >&2
    exit 2
fi

if [[ ! -x "$VENV/bin/python" ]]; then
    python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import avi.sdk.avi_api" 2>/dev/null; then
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "avisdk==$AVISDK_VERSION"
fi

WORK="$(mktemp -d)"
SIM_PID=""
cleanup() {
    if [[ -n "$SIM_PID" ]] && kill -0 "$SIM_PID" 2>/dev/null; then
        kill "$SIM_PID" 2>/dev/null || true
        wait "$SIM_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

"$AVITUI" sim --port 0 --ready-file "$WORK/ready.json" --state-dir "$WORK" \
    --controller-version "$API_VERSION" --ses "$SES" --certs "$CERTS" --alerts "$ALERTS" --alert-interval 0 \
    2>"$WORK/sim.log" &
SIM_PID=$!

for _ in $(seq 1 300); do
    [[ -s "$WORK/ready.json" ]] && break
    if ! kill -0 "$SIM_PID" 2>/dev/null; then
        echo "sdk-check: the simulator exited early:" >&2
        cat "$WORK/sim.log" >&2
        exit 2
    fi
    sleep 0.1
done
if [[ ! -s "$WORK/ready.json" ]]; then
    echo "sdk-check: the simulator did not become ready" >&2
    exit 2
fi

# requests lets REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE override a session's verify=
# setting; drop them so the SDK's own verify=<CA file> is what gets tested.
env -u REQUESTS_CA_BUNDLE -u CURL_CA_BUNDLE \
    "$VENV/bin/python" -W ignore Tests/sdk/avisdk_check.py "$WORK/ready.json" \
    --api-version "$API_VERSION" --ses "$SES" --certs "$CERTS" --alerts "$ALERTS"

#!/usr/bin/env bash
# make bench: avitui at scale (250 SEs, 5,000 certificates, 10,000 alerts) against what
# operators would use instead. Prints every figure with its ratio to a reference measured
# in the same run. Release build; installs the official Avi SDK into a private venv.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release
VENV=.build/bench-venv
[[ -x "$VENV/bin/python" ]] || python3 -m venv "$VENV"
"$VENV/bin/python" -c "import avi.sdk.avi_api" 2>/dev/null ||
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "avisdk==${AVISDK_VERSION:-32.1.4}"
env -u REQUESTS_CA_BUNDLE -u CURL_CA_BUNDLE "$VENV/bin/python" -W ignore scripts/bench/bench.py \
    --avitui .build/release/avitui "$@"
# The exporter with 8 clusters at scale: RSS, CPU, scrape latency, controller requests/min.
exec python3 scripts/bench/exporter_bench.py --avitui .build/release/avitui

#!/usr/bin/env bash
# make test: a real Prometheus scrapes `avitui exporter`, which reads a simulated controller.
#   simulator (HTTPS, loopback) <- exporter (GET only) <- Prometheus (loopback, scrape every 1 s)
# Checks, through Prometheus' HTTP API: quorum 1 and the secure-channel certificate's expiry equal
# to the simulator's own not_after; `promtool check metrics` on the exposition; the simulator's
# request record shows the exporter sent nothing but GETs (and its login); SIGTERM stops it.
# Usage: scripts/prometheus-e2e.sh [path/to/avitui]
set -euo pipefail
BIN=$(realpath "${1:-.build/debug/avitui}")
for tool in prometheus promtool curl python3; do
    command -v "$tool" >/dev/null || { echo "prometheus-e2e: $tool is missing — run make deps" >&2; exit 1; }
done
WORK=$(mktemp -d "${TMPDIR:-/tmp}/avitui-prom-e2e.XXXXXX")
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "prometheus-e2e: FAIL: $*" >&2; for f in "$WORK"/*.log; do echo "--- $f" >&2; tail -20 "$f" >&2; done; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
# Polls a command until it succeeds, for at most $1 seconds.
wait_for() { local limit=$1; shift; local end=$((SECONDS + limit)); until "$@"; do ((SECONDS < end)) || return 1; sleep 0.2; done; }

# 1. The simulated controller, no spontaneous alerts, with its request record reachable.
"$BIN" sim --port 0 --ready-file "$WORK/ready.json" --alert-interval 0 --control-endpoints >"$WORK/sim.log" 2>&1 &
PIDS+=($!)
wait_for 30 test -s "$WORK/ready.json" || fail "the simulator did not start"
read -r URL CA USERNAME < <(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["url"], r["ca_file"], r["username"])' "$WORK/ready.json")
python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["password"])' "$WORK/ready.json" >"$WORK/password"
chmod 600 "$WORK/password"
cat >"$WORK/config.toml" <<TOML
[profiles.lab]
controller = "$URL"
username = "$USERNAME"
ca_file = "$CA"
password_file = "$WORK/password"
TOML

# 2. The exporter, on a free loopback port, reading the profile every 2 s.
EXPORTER_PORT=$(free_port)
AVITUI_CONFIG="$WORK/config.toml" "$BIN" exporter --profile lab --listen "127.0.0.1:$EXPORTER_PORT" --interval 2 \
    >"$WORK/exporter.log" 2>&1 &
EXPORTER_PID=$!
PIDS+=($EXPORTER_PID)
METRICS="http://127.0.0.1:$EXPORTER_PORT/metrics"
wait_for 30 sh -c "curl -sf '$METRICS' | grep -q '^avitui_probe_success{cluster=\"lab\"} 1'" || fail "the exporter never read the simulator"
curl -sf "$METRICS" >"$WORK/metrics.txt"
promtool check metrics <"$WORK/metrics.txt" >"$WORK/promtool.log" 2>&1 || fail "promtool check metrics: $(cat "$WORK/promtool.log")"
curl -sf "http://127.0.0.1:$EXPORTER_PORT/healthz" | grep -qx ok || fail "/healthz"
[[ $(curl -s -o /dev/null -w '%{http_code}' -X POST "$METRICS") == 405 ]] || fail "POST /metrics was not refused with 405"
[[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$EXPORTER_PORT/probe?target=nope") == 404 ]] || fail "unknown target not 404"

# The one-shot modes lint clean too: status --prometheus, and status --all --textfile.
AVITUI_CONFIG="$WORK/config.toml" "$BIN" status --prometheus --profile lab >"$WORK/status.prom" 2>"$WORK/status.log" ||
    fail "status --prometheus exited non-zero"
promtool check metrics <"$WORK/status.prom" >"$WORK/promtool.log" 2>&1 || fail "promtool check metrics (status): $(cat "$WORK/promtool.log")"
AVITUI_CONFIG="$WORK/config.toml" "$BIN" status --all --textfile "$WORK/avitui.prom" 2>>"$WORK/status.log" ||
    fail "status --all --textfile exited non-zero"
promtool check metrics <"$WORK/avitui.prom" >"$WORK/promtool.log" 2>&1 || fail "promtool check metrics (textfile): $(cat "$WORK/promtool.log")"
grep -q '^avi_controller_cluster_quorum{cluster="lab"} 1' "$WORK/avitui.prom" || fail "the textfile lacks the quorum of lab"
# From here on the simulator's record holds the exporter's requests only.
curl -sf --cacert "$CA" -X POST "$URL/_simulator/reset" >/dev/null || fail "cannot reset the simulator's record"

# 3. Prometheus on loopback, its own storage, scraping the exporter every second.
PROM_PORT=$(free_port)
cat >"$WORK/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: avitui
    static_configs:
      - targets: ["127.0.0.1:$EXPORTER_PORT"]
YAML
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/data" \
    --web.listen-address="127.0.0.1:$PROM_PORT" >"$WORK/prometheus.log" 2>&1 &
PIDS+=($!)
# The single value of an instant query, or nothing.
query() {
    curl -sf --get "http://127.0.0.1:$PROM_PORT/api/v1/query" --data-urlencode "query=$1" |
        python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if len(r)==1 else "")'
}
quorum_is_one() { [[ $(query 'avi_controller_cluster_quorum{cluster="lab",job="avitui"}' 2>/dev/null) == 1 ]]; }
wait_for 45 quorum_is_one || fail "Prometheus never saw avi_controller_cluster_quorum{cluster=\"lab\"} = 1"
[[ $(query 'avitui_probe_success{cluster="lab"}') == 1 ]] || fail "avitui_probe_success is not 1 in Prometheus"
[[ $(query 'up{job="avitui"}') == 1 ]] || fail "Prometheus does not see the target up"
SEEN_EXPIRY=$(query 'avi_secure_channel_certificate_expiration_timestamp_seconds{cluster="lab",name="System-Default-Secure-Channel-Cert"}')

# 4. The exporter's requests as the simulator recorded them: GETs and its login, nothing else.
python3 - "$URL" "$CA" <<'PY' || fail "the exporter sent something other than GET and its login"
import json, ssl, sys, urllib.request
url, ca = sys.argv[1], sys.argv[2]
context = ssl.create_default_context(cafile=ca)
stats = json.load(urllib.request.urlopen(url + "/_simulator/stats", context=context))
others = [r for r in stats["mutating_requests"] if r not in ("POST /login", "POST /logout")]
logins = len(stats["mutating_requests"]) - len(others)
assert not others, f"non-GET requests: {others}"
assert stats["requests"] == len(stats["get_paths"]) + logins, f"{stats['requests']} requests, {len(stats['get_paths'])} GETs, {logins} logins"
assert len(stats["get_paths"]) > 0
print(f"prometheus-e2e: the simulator saw {len(stats['get_paths'])} GETs and {logins} login(s) from the exporter, nothing else")
PY

# 5. The simulator's own not_after for the secure-channel certificate, read directly (not through avitui).
SIM_EXPIRY=$(python3 - "$URL" "$CA" "$USERNAME" "$WORK/password" <<'PY'
import calendar, json, ssl, sys, time, urllib.request, http.cookiejar
url, ca, user, password_file = sys.argv[1:5]
context = ssl.create_default_context(cafile=ca)
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context), urllib.request.HTTPCookieProcessor(jar))
body = json.dumps({"username": user, "password": open(password_file).read().strip()}).encode()
opener.open(urllib.request.Request(url + "/login", data=body, headers={"Content-Type": "application/json"}))
reply = json.load(opener.open(url + "/api/systemconfiguration"))
refs = reply.get("secure_channel_configuration", {}).get("sslkeyandcertificate_refs") or []
query = ("/api/sslkeyandcertificate/" + refs[0].split("/")[-1].split("#")[0]) if refs else \
        "/api/sslkeyandcertificate?name=System-Default-Secure-Channel-Cert"
certificate = json.load(opener.open(url + query))
certificate = certificate["results"][0] if "results" in certificate else certificate
not_after = certificate["certificate"]["not_after"]
print(calendar.timegm(time.strptime(not_after[:19], "%Y-%m-%d %H:%M:%S")))
PY
)
python3 -c 'import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); sys.exit(0 if a == b else 1)' "$SEEN_EXPIRY" "$SIM_EXPIRY" ||
    fail "secure-channel expiry in Prometheus ($SEEN_EXPIRY) differs from the simulator's not_after ($SIM_EXPIRY)"

# 6. SIGTERM stops the exporter cleanly; its log never holds the password.
kill -TERM "$EXPORTER_PID"
wait_for 15 sh -c "! kill -0 $EXPORTER_PID 2>/dev/null" || fail "the exporter did not stop on SIGTERM"
wait "$EXPORTER_PID" 2>/dev/null && status=0 || status=$?
[[ $status == 0 ]] || fail "the exporter exited $status on SIGTERM"
grep -q "^avitui exporter: cluster lab up" "$WORK/exporter.log" || fail "no state-change line in the exporter's log"
! grep -qF "$(cat "$WORK/password")" "$WORK/exporter.log" || fail "the exporter's log holds the password"
echo "prometheus-e2e: Prometheus scraped the exporter: quorum 1, secure-channel expiry $SEEN_EXPIRY = simulator's; promtool check metrics passed"
echo "prometheus-e2e: 1 passed, 0 failed"

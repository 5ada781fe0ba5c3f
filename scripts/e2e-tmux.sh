#!/usr/bin/env bash
# End-to-end: drives `avitui demo` in tmux like an operator would — every
# screen, filter, sort, details, help, resize and quit — at 120x40, 80x24 and
# 200x50, in colour and under NO_COLOR, reading the screen back with
# `tmux capture-pane`. Fails with the expected text and the screen it saw.
# The rotation wizard too: a failed rotation rolled back, verify only, and the CSR path
# (`demo --secure-channel-reaction fail --heartbeat-seconds 0.2`).
#
#   scripts/e2e-tmux.sh .build/debug/avitui
set -euo pipefail

BIN=${1:-.build/debug/avitui}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
[ -x "$BIN" ] || { echo "e2e: $BIN is not an executable — run swift build first" >&2; exit 1; }
command -v tmux >/dev/null || { echo "e2e: tmux is not installed (make deps installs it)" >&2; exit 1; }

# A private tmux server, so nothing of the user's is touched and cleanup is one command.
SOCKET="avitui-e2e-$$"
WORK=$(mktemp -d)
cleanup() {
    tmux -L "$SOCKET" kill-server >/dev/null 2>&1 || true
    # The simulator the password walk started in the background.
    [ -s "$WORK/pw-sim.pid" ] && kill "$(cat "$WORK/pw-sim.pid")" 2>/dev/null || true
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCKET"
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

tm() { tmux -L "$SOCKET" "$@"; }

# run NAME: the current walk's session name and log.
fail() {
    local session=$1; shift
    {
        echo "e2e [$session]: FAIL: $*"
        echo "---- screen ----"
        tm capture-pane -p -t "$session" 2>/dev/null || echo "(no pane: avitui exited)"
        echo "----------------"
        [ -f "$WORK/$session.exit" ] && echo "exit file: $(cat "$WORK/$session.exit")"
    } >&2
    exit 1
}

screen() { tm capture-pane -p -t "$1"; }

# CI runs this on 2 busy cores with four walks at once: waits poll for text
# and are generous; there is no fixed sleep anywhere.
WAIT=${E2E_WAIT:-15}

# wait_for SESSION TEXT [SECONDS]: until TEXT is on the screen.
wait_for() {
    local session=$1 text=$2 limit=${3:-$WAIT}
    local deadline=$((SECONDS + limit))
    while [ $SECONDS -le $deadline ]; do
        if screen "$session" | grep -qF -- "$text"; then return 0; fi
        sleep 0.05
    done
    fail "$session" "expected \"$text\" within ${limit}s"
}

# wait_gone SESSION TEXT: until TEXT has left the screen.
wait_gone() {
    local session=$1 text=$2
    local deadline=$((SECONDS + WAIT))
    while [ $SECONDS -le $deadline ]; do
        if ! screen "$session" | grep -qF -- "$text"; then return 0; fi
        sleep 0.05
    done
    fail "$session" "expected \"$text\" to disappear"
}

keys() { local session=$1; shift; tm send-keys -t "$session" "$@"; }

# overview_count SESSION NOUN: the number before NOUN on the Overview ("3 not up" -> 3).
overview_count() { screen "$1" | grep -oE "[0-9]+ $2" | head -1 | cut -d' ' -f1; }

# every_failure_count SESSION: each count of something wrong the demo data has is on the screen
# (at 80x24 the good news gives way, never these).
# Polled: on a loaded machine a resource (certificates, say) may be read a little after the first frame.
every_failure_count() {
    local s=$1 text deadline
    for text in "not up" "disconnected" "AUTH_" "expired" "within 7 d" "within 30 d" "high" "medium"; do
        deadline=$((SECONDS + WAIT))
        until screen "$s" | grep -qE "[1-9][0-9]* $text"; do
            [ $SECONDS -le $deadline ] || fail "$s" "the Overview hides the count \"$text\""
            sleep 0.05
        done
    done
}
typed() { tm send-keys -t "$1" -l -- "$2"; }

# walk NAME WIDTH HEIGHT [ENV=VALUE...]: one full tour in a fresh session.
walk() {
    local s=$1 width=$2 height=$3; shift 3
    local envs=(-e LANG=C.UTF-8)
    for pair in "$@"; do envs+=(-e "$pair"); done
    local started=$(date +%s%N)
    # After avitui exits, the shell prints its status on the restored screen and waits.
    tm -u new-session -d -s "$s" -x "$width" -y "$height" "${envs[@]}" \
        "TERM=tmux-256color '$BIN' demo --seed 3; echo \"avitui exited with status \$?\" | tee '$WORK/$s.exit'; sleep 30"

    # Overview within a second or two of starting (the simulator starts in-process first).
    wait_for "$s" "quorum 3 of 3" 30
    local elapsed=$(( ($(date +%s%N) - started) / 1000000 ))
    echo "e2e [$s]: overview after ${elapsed} ms"
    wait_for "$s" "Newest alerts"
    wait_for "$s" "channel cert"
    every_failure_count "$s"

    # From a count to its list: Enter on the selected bad count opens that screen filtered
    # to exactly those rows ("3 not up" -> 3 of N); Esc clears the filter.
    wait_for "$s" "Enter:open"
    keys "$s" Enter; wait_for "$s" "Esc clears it"
    wait_for "$s" 'filter "state:!=up"'
    wait_for "$s" "$(overview_count "$s" "not up") of "
    keys "$s" Escape; wait_for "$s" "filter cleared"
    keys "$s" 1; wait_for "$s" "quorum 3 of 3"

    # Every screen, by number key, Tab and command line.
    keys "$s" 2; wait_for "$s" "Services ("
    wait_for "$s" "leader"
    keys "$s" 3; wait_for "$s" "Service Engines ·"
    wait_for "$s" "Mgmt IP"
    keys "$s" Tab; wait_for "$s" "mappings ("
    wait_for "$s" "Local IP"
    keys "$s" 5; wait_for "$s" "certificates ·"
    wait_for "$s" "expired"
    keys "$s" 6; wait_for "$s" "alerts ·"
    wait_for "$s" "follow off"
    keys "$s" 7; wait_for "$s" "requests sent"
    wait_for "$s" "/api/cluster/runtime"
    keys "$s" 1; wait_for "$s" "quorum 3 of 3"
    keys "$s" :; typed "$s" "certs"; keys "$s" Enter; wait_for "$s" "certificates ·"

    # Filter: rows narrow as you type; Enter keeps it; Esc clears it.
    keys "$s" /; typed "$s" "Portal"; wait_for "$s" 'filter "Portal"'
    keys "$s" Enter
    wait_for "$s" "System-Default-Portal-Cert"
    # Rows start below header, tabs, summary and column titles.
    if screen "$s" | tail -n +5 | grep -qF "System-Default-Secure-Channel-Cert"; then fail "$s" "the filter left a non-matching row"; fi
    keys "$s" Escape; wait_for "$s" "filter cleared"
    wait_gone "$s" 'filter "Portal"' 

    # Sort: worst first by default; s picks the next column, S reverses.
    keys "$s" s; wait_for "$s" "sorted by Name"
    keys "$s" s; wait_for "$s" "sorted by Days"
    keys "$s" S; wait_for "$s" "Days▼"
    keys "$s" :; typed "$s" "sort name"; keys "$s" Enter; wait_for "$s" "Name▲"

    # Details: Enter shows every field; Esc closes.
    keys "$s" G Enter; wait_for "$s" "days left"
    wait_for "$s" "Esc closes"
    # Scrolling keeps the pane open; its footer ("N of M lines — Esc closes", or just
    # "Esc closes" when everything fits) is there at any width.
    keys "$s" j j PageDown; wait_for "$s" "Esc closes"
    wait_for "$s" "Esc:close"
    keys "$s" Escape; wait_gone "$s" "days left:"

    # Help lists every key; Esc closes it.
    keys "$s" "?"; wait_for "$s" "Keys"
    wait_for "$s" "previous / next row"
    keys "$s" G; wait_for "$s" ":help  :quit (:q)"
    keys "$s" Escape; wait_gone "$s" ":help  :quit (:q)"

    # Alerts: follow and level filter; details of an alert.
    keys "$s" 6; keys "$s" l; wait_for "$s" "high only"
    keys "$s" l l l; wait_for "$s" "alerts: all levels"
    keys "$s" f; wait_for "$s" "following newest"
    keys "$s" j; wait_for "$s" "follow off"
    keys "$s" Enter; wait_for "$s" "level:"; keys "$s" Escape

    # The rotation wizard opens from the console and Esc closes it (nothing is sent before its step 6).
    keys "$s" 5 w; wait_for "$s" "Rotate the secure-channel certificate"
    keys "$s" Escape; wait_gone "$s" "Rotate the secure-channel certificate"

    # Requests: only reads (and the login) went out.
    keys "$s" 7; wait_for "$s" "0 writes besides login/logout"

    # Pause and refresh.
    keys "$s" p; wait_for "$s" "PAUSED"
    keys "$s" p; wait_gone "$s" "PAUSED"
    keys "$s" r; wait_for "$s" "refreshing"

    # Quit: the terminal comes back and the exit status is 0.
    keys "$s" q
    wait_for "$s" "avitui exited with status 0"
    echo "e2e [$s]: ok"
}

# Resize: too small shows a message; back to 80x24 relayouts at once.
resize_walk() {
    local s=resize
    tm -u new-session -d -s "$s" -x 100 -y 30 -e LANG=C.UTF-8 \
        "TERM=tmux-256color '$BIN' demo --seed 3; echo \"avitui exited with status \$?\" | tee '$WORK/$s.exit'; sleep 30"
    wait_for "$s" "quorum 3 of 3" 30
    keys "$s" 5; wait_for "$s" "certificates ·"
    tm resize-window -t "$s" -x 60 -y 20; wait_for "$s" "terminal too small"
    tm resize-window -t "$s" -x 80 -y 24; wait_for "$s" "certificates ·"
    tm resize-window -t "$s" -x 200 -y 50; wait_for "$s" "Service Engines"
    [ "$(screen "$s" | wc -l)" -ge 50 ] || fail "$s" "screen did not grow to 50 rows"
    keys "$s" q; wait_for "$s" "avitui exited with status 0"
    echo "e2e [$s]: ok"
}

# NO_COLOR: no colour escapes at all, only attributes.
nocolor_check() {
    local s=$1
    local colours
    # SGR colour parameters (30–38, 40–48, 90–97, 100–107); 39 and 49 only reset to the default.
    colours=$(tm capture-pane -p -e -t "$s" | grep -cP '\e\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m' || true)
    [ "$colours" -eq 0 ] || fail "$s" "NO_COLOR=1 but $colours lines carry colour escapes"
}

nocolor_walk() {
    local s=nocolor
    tm -u new-session -d -s "$s" -x 80 -y 24 -e LANG=C.UTF-8 -e NO_COLOR=1 \
        "TERM=tmux-256color '$BIN' demo --seed 3; echo \"avitui exited with status \$?\" | tee '$WORK/$s.exit'; sleep 30"
    wait_for "$s" "quorum 3 of 3" 30
    nocolor_check "$s"
    keys "$s" 5; wait_for "$s" "certificates ·"; nocolor_check "$s"
    keys "$s" 6; wait_for "$s" "alerts ·"; nocolor_check "$s"
    keys "$s" q; wait_for "$s" "avitui exited with status 0"
    echo "e2e [$s]: ok"
}

# A user who may not write: read-only is detected, badged, and the wizard is shown disabled with the reason.
readonly_walk() {
    local s=readonly
    tm -u new-session -d -s "$s" -x 100 -y 30 -e LANG=C.UTF-8 \
        "TERM=tmux-256color '$BIN' demo --seed 3 --monitor-user; echo \"avitui exited with status \$?\" | tee '$WORK/$s.exit'; sleep 30"
    wait_for "$s" "quorum 3 of 3" 30
    wait_for "$s" "READ-ONLY"
    wait_for "$s" "rotation disabled: read-only"
    keys "$s" w; wait_for "$s" "rotation is disabled: read-only (user monitor cannot write the system configuration)"
    keys "$s" 7; wait_for "$s" "0 writes besides login/logout"
    keys "$s" q; wait_for "$s" "avitui exited with status 0"
    echo "e2e [$s]: ok"
}

# demo --fleet 5: the unreachable cluster is on top, Enter opens a cluster's full console
# (the header names it), Esc comes back, :ctx jumps to another, the fleet never writes.
fleet_walk() {
    local s=fleet
    tm -u new-session -d -s "$s" -x 160 -y 30 -e LANG=C.UTF-8 \
        "TERM=tmux-256color '$BIN' demo --fleet 5; echo \"avitui exited with status \$?\" | tee '$WORK/$s.exit'; sleep 30"
    wait_for "$s" "worst first" 60
    # The first data row (line 4: header, counts, column titles) is the unreachable cluster.
    local first
    first=$(screen "$s" | sed -n 4p)
    case "$first" in *dr-unreachable*unreachable*) ;; *) fail "$s" "the unreachable cluster is not on top: $first" ;; esac
    keys "$s" w; wait_for "$s" "the fleet screen never writes"
    keys "$s" / ; typed "$s" "ams"; keys "$s" Enter
    wait_for "$s" "filter \"ams\": 1 of 5"
    keys "$s" Enter
    wait_for "$s" "[ams-prod]" 30
    wait_for "$s" "quorum 3 of 3" 30
    keys "$s" 4; wait_for "$s" "mappings ("
    keys "$s" Escape
    wait_for "$s" "back from ams-prod"
    wait_for "$s" "avitui · fleet · 5 clusters"
    keys "$s" : ; typed "$s" "ctx lon-edge"; keys "$s" Enter
    wait_for "$s" "[lon-edge]" 30
    keys "$s" : ; typed "$s" "ctx fra-prod"; keys "$s" Enter
    wait_for "$s" "[fra-prod]" 30
    keys "$s" Escape
    wait_for "$s" "back from fra-prod"
    keys "$s" q; wait_for "$s" "avitui exited with status 0"
    echo "e2e [$s]: ok"
}

# Signals (issue 9 item 24): every signal that ends avitui gives the terminal back —
# alternate screen off, cursor shown, cooked mode with echo — and SIGPIPE does not end it.
signal_walk() {
    local sig=$1 s=sig$1
    # A wrapper records the pid avitui will have (exec keeps it).
    printf '#!/bin/sh\necho $$ > "%s"\nexec env TERM=tmux-256color "%s" demo --seed 3\n' "$WORK/$s.pid" "$BIN" > "$WORK/$s.sh"
    tm -u new-session -d -s "$s" -x 100 -y 30 -e LANG=C.UTF-8 \
        "sh '$WORK/$s.sh'; echo \"avitui exited with status \$?\" | tee '$WORK/$s.exit'; stty -a > '$WORK/$s.stty'; sleep 30"
    wait_for "$s" "quorum 3 of 3" 30
    kill -s "$sig" "$(cat "$WORK/$s.pid")"
    if [ "$sig" = PIPE ]; then
        # Ignored: the console goes on answering keys, then quits normally.
        keys "$s" 2; wait_for "$s" "Up since"
        keys "$s" q
        wait_for "$s" "avitui exited with status 0"
    else
        wait_for "$s" "avitui exited with status"
    fi
    local deadline=$((SECONDS + WAIT))
    while [ ! -s "$WORK/$s.stty" ] && [ $SECONDS -le $deadline ]; do sleep 0.05; done
    [ "$(tm display -p -t "$s" '#{alternate_on}')" = 0 ] || fail "$s" "the alternate screen is still on after SIG$sig"
    [ "$(tm display -p -t "$s" '#{cursor_flag}')" = 1 ] || fail "$s" "the cursor is still hidden after SIG$sig"
    grep -q -- '-icanon' "$WORK/$s.stty" && fail "$s" "the terminal is still raw (-icanon) after SIG$sig"
    grep -qE -- '(^| )echo( |$)' "$WORK/$s.stty" || fail "$s" "echo is still off after SIG$sig"
    echo "e2e [$s]: ok"
}

# The rotation wizard as it really goes (issue 13), on a simulator whose peers react: a short
# heartbeat (0.2 s) makes step 7's six-heartbeat watch take about a second. The demo's audit
# log goes to the walk's own XDG_STATE_HOME, under avitui/demo/.
rotation_session() {
    local s=$1 width=$2 height=$3; shift 3
    mkdir -p "$WORK/$s-state"
    tm -u new-session -d -s "$s" -x "$width" -y "$height" -e LANG=C.UTF-8 -e XDG_STATE_HOME="$WORK/$s-state" \
        "TERM=tmux-256color '$BIN' demo --seed 3 --heartbeat-seconds 0.2 $*; echo \"avitui exited with status \$?\" | tee '$WORK/$s.exit'; sleep 30"
    wait_for "$s" "quorum 3 of 3" 30
    keys "$s" 5 w; wait_for "$s" "[1/8] Current certificate"
    wait_for "$s" "in use: System-Default-Secure-Channel-Cert"
}

# cluster_name SESSION: the name the wizard asks to type (from its prompt).
cluster_name() { screen "$1" | sed -n "s/.*type the cluster name '\([^']*\)'.*/\1/p" | head -1; }

# --secure-channel-reaction fail: apply, step 7 finds every peer failed and names them,
# r + the cluster name rolls back, the rollback is verified and audited as its own entry.
rotation_fail_walk() {
    local s=rotfail
    rotation_session "$s" 120 40 --secure-channel-reaction fail
    keys "$s" Enter; wait_for "$s" "[2/8] Choose the new certificate"
    wait_for "$s" "make a CSR on the controller"
    # Below import, CSR and return-to-default: the best candidate.
    keys "$s" Down Down Down Enter; wait_for "$s" "[3/8] Local validation"
    local chosen
    chosen=$(screen "$s" | sed -n 's/.*new: existing certificate \([^ │]*\).*/\1/p' | head -1)
    [ -n "$chosen" ] || fail "$s" "step 3 does not name the chosen certificate"
    keys "$s" Enter; wait_for "$s" "[4/8] Must-checks"
    wait_for "$s" "FAIL no Service Engines"
    keys "$s" o; typed "$s" "override"; keys "$s" Enter
    wait_for "$s" "[5/8] Plan"
    wait_for "$s" "+   [/api/sslkeyandcertificate/"
    wait_for "$s" "rollback (planned now"
    keys "$s" Enter; wait_for "$s" "[6/8] Confirm and apply"
    wait_for "$s" "nothing has been sent yet"
    local cluster
    cluster=$(cluster_name "$s")
    [ -n "$cluster" ] || fail "$s" "step 6 does not say which cluster name to type"
    typed "$s" "$cluster"; keys "$s" Enter
    wait_for "$s" "verification FAILED: the change is in place but the secure channel is not healthy" 60
    wait_for "$s" "did not come back: controller node"
    wait_for "$s" "AUTH_TOKEN_FAILED"
    wait_for "$s" "roll back to System-Default-Secure-Channel-Cert"
    wait_for "$s" "r roll back (type the cluster name)"
    # The demo keeps its own audit log: a simulated rotation never lands among real changes.
    grep -q '"action":"rotate"' "$WORK/$s-state/avitui/demo/audit.jsonl" 2>/dev/null || fail "$s" "the change is not in the demo's audit log"
    [ ! -e "$WORK/$s-state/avitui/audit.jsonl" ] || fail "$s" "a demo rotation was written to the real audit log"
    # A wrong name sends nothing and keeps the prompt; the right one rolls back.
    keys "$s" r; wait_for "$s" "type the cluster name '$cluster' and Enter to roll back:"
    typed "$s" "not-$cluster"; keys "$s" Enter
    wait_for "$s" "is not the cluster name '$cluster' — nothing was sent"
    typed "$s" "$cluster"; keys "$s" Enter
    wait_for "$s" "ok   rolled back: the previous certificate is in place and the mappings came back" 60
    wait_for "$s" "rollback recorded in"
    grep -q '"action":"rollback_after_failed_verification"' "$WORK/$s-state/avitui/demo/audit.jsonl" \
        || fail "$s" "the rollback is not its own audit entry"
    keys "$s" Enter; wait_gone "$s" "Rotate the secure-channel certificate"
    # Exactly the change and the rollback were written; the secure channel is back on the default.
    keys "$s" 7; wait_for "$s" "2 writes besides login/logout"
    keys "$s" 5 w; wait_for "$s" "in use: System-Default-Secure-Channel-Cert"
    keys "$s" Escape; wait_gone "$s" "Rotate the secure-channel certificate"
    keys "$s" q; wait_for "$s" "avitui exited with status 0"
    echo "e2e [$s]: ok ($chosen, rolled back)"
}

# v at step 1 at 80x24: the channel is watched as it is, what did not come back is named,
# and nothing is written.
rotation_verify_walk() {
    local s=rotverify
    rotation_session "$s" 80 24
    wait_for "$s" "v verify only"
    keys "$s" v
    wait_for "$s" "verify only (nothing was changed):" 60
    # The demo seeds three peers that are not authenticated: the watch names them, within
    # twelve heartbeats (2.4 s here; 120 s on a real controller).
    wait_for "$s" "FAIL secure-channel mappings did not settle within 2 s" 60
    wait_for "$s" "not back:"
    wait_for "$s" "any key back"
    keys "$s" x; wait_for "$s" "[1/8] Current certificate"
    keys "$s" Escape; wait_gone "$s" "Rotate the secure-channel certificate"
    keys "$s" 7; wait_for "$s" "0 writes besides login/logout"
    keys "$s" q; wait_for "$s" "avitui exited with status 0"
    echo "e2e [$s]: ok"
}

# Step 2's CSR path (c): the controller makes the key and the CSR (saved to a file), a local CA
# made here by openssl signs it, the pending object is completed from the list, and the rotation
# goes on with it to an applied, verified change.
rotation_csr_walk() {
    local s=rotcsr name=sc-e2e-csr
    command -v openssl >/dev/null || { echo "e2e [$s]: skipped (no openssl)"; return 0; }
    rotation_session "$s" 120 40
    keys "$s" Enter; wait_for "$s" "[2/8] Choose the new certificate"
    keys "$s" c; wait_for "$s" "make a CSR on the controller: it creates the key"
    typed "$s" "$name"; keys "$s" Tab
    typed "$s" "CN=e2e.example.test, O=Example"; keys "$s" Tab
    typed "$s" "$WORK/$s.csr"; keys "$s" Enter
    wait_for "$s" "created $name: pending, the key stays on the controller" 30
    grep -q "BEGIN CERTIFICATE REQUEST" "$WORK/$s.csr" 2>/dev/null || fail "$s" "the CSR was not saved to $WORK/$s.csr"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/$s-ca.key" -out "$WORK/$s-ca.crt" -days 400 \
        -subj "/CN=e2e Example CA" >/dev/null 2>&1 || fail "$s" "openssl could not make the local CA"
    printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' > "$WORK/$s.ext"
    openssl x509 -req -in "$WORK/$s.csr" -CA "$WORK/$s-ca.crt" -CAkey "$WORK/$s-ca.key" -CAcreateserial -days 200 \
        -extfile "$WORK/$s.ext" -out "$WORK/$s.crt" >/dev/null 2>&1 || fail "$s" "openssl could not sign the CSR"
    # The pending object is in the list; Enter on it opens its completion.
    keys "$s" /; typed "$s" "$name"; keys "$s" Enter
    wait_for "$s" "$name — CSR waiting for its signed certificate"
    keys "$s" Down Down Down Enter; wait_for "$s" "complete $name"
    typed "$s" "$WORK/$s.crt"; keys "$s" Tab; typed "$s" "$WORK/$s-ca.crt"; keys "$s" Enter
    wait_for "$s" "completed $name:" 30
    wait_for "$s" "created CA certificate $name-ca-1 for the chain"
    # The search is kept: the completed object is the best (first) candidate of it.
    wait_for "$s" "search: $name (/ to change)"
    wait_gone "$s" "CSR waiting for its signed certificate"
    keys "$s" Down Down Down Enter; wait_for "$s" "[3/8] Local validation"
    wait_for "$s" "new: existing certificate $name"
    keys "$s" Enter; wait_for "$s" "[4/8] Must-checks"
    keys "$s" o; typed "$s" "override"; keys "$s" Enter
    wait_for "$s" "[5/8] Plan"
    keys "$s" Enter; wait_for "$s" "[6/8] Confirm and apply"
    local cluster
    cluster=$(cluster_name "$s")
    typed "$s" "$cluster"; keys "$s" Enter
    wait_for "$s" "[8/8] Audit and rollback" 60
    wait_for "$s" "ok   secure-channel mappings settled"
    keys "$s" Enter; wait_gone "$s" "Rotate the secure-channel certificate"
    keys "$s" 5 w; wait_for "$s" "in use: $name"
    keys "$s" Escape; wait_gone "$s" "Rotate the secure-channel certificate"
    keys "$s" q; wait_for "$s" "avitui exited with status 0"
    echo "e2e [$s]: ok"
}

# terminal_restored SESSION: after avitui ended, the alternate screen is off, the cursor shown,
# and the tty cooked with echo (stty -a was written to $WORK/SESSION.stty by the session).
terminal_restored() {
    local s=$1
    local deadline=$((SECONDS + WAIT))
    while [ ! -s "$WORK/$s.stty" ] && [ $SECONDS -le $deadline ]; do sleep 0.05; done
    [ "$(tm display -p -t "$s" '#{alternate_on}')" = 0 ] || fail "$s" "the alternate screen is still on"
    [ "$(tm display -p -t "$s" '#{cursor_flag}')" = 1 ] || fail "$s" "the cursor is still hidden"
    grep -q -- '-icanon' "$WORK/$s.stty" && fail "$s" "the terminal is still raw (-icanon)"
    grep -qE -- '(^| )echo( |$)' "$WORK/$s.stty" || fail "$s" "echo is still off"
}

# Issue 10 item 8: before the first login the console shows where it connects, the attempt,
# the next try and the timeouts, and q quits at once (status 0, terminal restored).
# Port 1 on loopback: nothing listens, every attempt is refused.
connecting_walk() {
    local s=connecting
    tm -u new-session -d -s "$s" -x 100 -y 30 -e LANG=C.UTF-8 -e AVI_PASSWORD=never-sent \
        "TERM=tmux-256color '$BIN' --controller https://127.0.0.1:1 --username admin --connect-timeout 3; echo \"avitui exited with status \$?\" | tee '$WORK/$s.exit'; stty -a > '$WORK/$s.stty'; sleep 30"
    wait_for "$s" "Connecting to https://127.0.0.1:1 as admin"
    wait_for "$s" "Timeouts: connect 3 s (TCP and TLS), answer 30 s"
    wait_for "$s" "Attempt 1 failed: cannot reach 127.0.0.1:1"
    # q while waiting for the next try (the wait is cancelled: no error, status 0).
    wait_for "$s" "Attempt 2 in"
    wait_for "$s" "q:quit"
    keys "$s" q
    wait_for "$s" "avitui exited with status 0"
    terminal_restored "$s"
    echo "e2e [$s]: ok"
}

# Issue 9 item 5: the password is changed on the controller while the console runs. The
# console shows the login-refused screen (one refused login, never retried), takes the new
# password typed (masked) and goes on reading.
password_walk() {
    local s=password
    "$BIN" sim --port 0 --ready-file "$WORK/pw-ready.json" --alert-interval 0 --control-endpoints >"$WORK/pw-sim.log" 2>&1 &
    local sim=$!
    echo "$sim" > "$WORK/pw-sim.pid"
    local deadline=$((SECONDS + 30))
    while [ ! -s "$WORK/pw-ready.json" ] && [ $SECONDS -le $deadline ]; do sleep 0.05; done
    [ -s "$WORK/pw-ready.json" ] || { kill "$sim"; echo "e2e [$s]: FAIL: the simulator did not start" >&2; exit 1; }
    local url ca user
    url=$(jq -r .url "$WORK/pw-ready.json"); ca=$(jq -r .ca_file "$WORK/pw-ready.json"); user=$(jq -r .username "$WORK/pw-ready.json")
    jq -r .password "$WORK/pw-ready.json" > "$WORK/pw-old"; chmod 600 "$WORK/pw-old"
    # A wrong password at start: the connecting screen gives way to one line on the restored terminal.
    local bad=badpassword
    echo "not-the-password" > "$WORK/pw-bad"; chmod 600 "$WORK/pw-bad"
    tm -u new-session -d -s "$bad" -x 120 -y 30 -e LANG=C.UTF-8 \
        "TERM=tmux-256color '$BIN' --controller '$url' --username '$user' --ca-file '$ca' --password-file '$WORK/pw-bad'; echo \"avitui exited with status \$?\" | tee '$WORK/$bad.exit'; stty -a > '$WORK/$bad.stty'; sleep 30"
    wait_for "$bad" "avitui exited with status 1" 30
    wait_for "$bad" "refused (401): wrong username or password"
    terminal_restored "$bad"
    tm -u new-session -d -s "$s" -x 120 -y 30 -e LANG=C.UTF-8 \
        "TERM=tmux-256color '$BIN' --controller '$url' --username '$user' --ca-file '$ca' --password-file '$WORK/pw-old'; echo \"avitui exited with status \$?\" | tee '$WORK/$s.exit'; sleep 30"
    wait_for "$s" "quorum 3 of 3" 30
    curl -sf --cacert "$ca" -X POST "$url/_simulator/reset" >/dev/null || fail "$s" "cannot reset the simulator's record"
    printf 'changed-elsewhere' | curl -sf --cacert "$ca" -X POST --data-binary @- "$url/_simulator/password?username=$user" >/dev/null ||
        fail "$s" "cannot change the password on the simulator"
    wait_for "$s" "Login refused" 30
    wait_for "$s" "refused the password of $user"
    # Some refresh cycles later, still one refused login.
    sleep 6
    local refused
    refused=$(curl -sf --cacert "$ca" "$url/_simulator/stats" | jq '[.mutating_requests[] | select(. == "POST /login")] | length')
    [ "$refused" = 1 ] || fail "$s" "expected exactly 1 login after the change, the simulator saw $refused"
    typed "$s" "changed-elsewhere"
    wait_for "$s" "New password: *****************_"
    screen "$s" | grep -qF "changed-elsewhere" && fail "$s" "the password is shown in clear"
    keys "$s" Enter
    wait_for "$s" "logged in again"
    wait_gone "$s" "Login refused"
    keys "$s" 2; wait_for "$s" "Up since"
    keys "$s" q
    wait_for "$s" "avitui exited with status 0"
    kill "$sim" 2>/dev/null || true
    echo "e2e [$s]: ok"
}

START=$SECONDS
# E2E_ONLY="rotation_fail_walk rotation_verify_walk": run just those walks (while working on them).
if [ -n "${E2E_ONLY:-}" ]; then
    pids=()
    for only in $E2E_ONLY; do "$only" & pids+=($!); done
    status=0
    for pid in "${pids[@]}"; do wait "$pid" || status=1; done
    [ $status -eq 0 ] || { echo "e2e: FAILED ($((SECONDS - START)) s)" >&2; exit 1; }
    echo "e2e: $E2E_ONLY passed in $((SECONDS - START)) s"
    exit 0
fi
pids=()
walk w120 120 40 & pids+=($!)
walk w80 80 24 & pids+=($!)
walk w200 200 50 & pids+=($!)
walk mono80 80 24 NO_COLOR=1 & pids+=($!)
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
if [ $status -eq 0 ]; then
    resize_walk & p1=$!
    nocolor_walk & p2=$!
    readonly_walk & p3=$!
    connecting_walk & p4=$!
    wait $p1 || status=1
    wait $p2 || status=1
    wait $p3 || status=1
    wait $p4 || status=1
    ( password_walk ) || status=1
fi
if [ $status -eq 0 ]; then
    ( fleet_walk ) || status=1
fi
if [ $status -eq 0 ]; then
    rotation_fail_walk & p1=$!
    rotation_verify_walk & p2=$!
    rotation_csr_walk & p3=$!
    wait $p1 || status=1
    wait $p2 || status=1
    wait $p3 || status=1
fi
if [ $status -eq 0 ]; then
    pids=()
    for sig in PIPE USR1 USR2 TERM; do signal_walk "$sig" & pids+=($!); done
    for pid in "${pids[@]}"; do wait "$pid" || status=1; done
fi
if [ $status -ne 0 ]; then echo "e2e: FAILED ($((SECONDS - START)) s)" >&2; exit 1; fi
echo "e2e: all walks passed in $((SECONDS - START)) s"

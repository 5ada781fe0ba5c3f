#!/usr/bin/env bash
# The architecture as a check (run by `make test`): reads every `import` under Sources/ and fails
# on an arrow the design (DESIGN.md, "Direction of imports") does not list, because SwiftPM
# accepts transitive imports that nobody declared.
#
#   avitui -> TerminalUI -> Console -> AviAPI;  avitui -> Exporter -> Console
#   TerminalUI and Exporter may use AviAPI (its model types); Simulator imports neither Console
#   nor AviAPI; only TerminalUI/Ncurses* imports CNcurses; only AviAPI/Transport* imports CCurl.
#
# Each module a target imports must also be declared in Package.swift for that target.
#
#   scripts/check-imports.sh [ROOT]      (ROOT: the package directory, default: this checkout)
#   scripts/check-imports.sh --self-test (proves the check fails on each kind of wrong arrow)
set -euo pipefail

check() {
    python3 - "$1" <<'PY'
import os, re, sys

root = sys.argv[1]
# The design's arrows between this package's modules (DESIGN.md). A module not listed here is
# not ours (Foundation, NIO, X509...) and is only checked against Package.swift's declarations.
ALLOWED = {
    "AviAPI": {"CCurl"},
    "Console": {"AviAPI"},
    "TerminalUI": {"Console", "AviAPI", "CNcurses"},
    "Exporter": {"Console", "AviAPI"},
    "Simulator": set(),
    "avitui": {"TerminalUI", "Console", "AviAPI", "Exporter", "Simulator"},
}
OURS = set(ALLOWED) | {"CCurl", "CNcurses"}
# Files that alone may import a system library.
ONLY_FROM = {
    "CNcurses": lambda path: path.startswith("TerminalUI/") and os.path.basename(path).startswith("Ncurses"),
    "CCurl": lambda path: path.startswith("AviAPI/Transport"),
}
IMPORT = re.compile(r"^\s*(?:@[\w()]+\s+)*(?:public\s+|internal\s+|package\s+|private\s+|fileprivate\s+)?import\s+"
                    r"(?:(?:typealias|struct|class|enum|protocol|let|var|func)\s+)?([A-Za-z_][A-Za-z0-9_]*)")


def declared_dependencies(package_text):
    """target name -> names it declares (bare target names and product names)."""
    result = {}
    for match in re.finditer(r"\.(?:target|executableTarget|testTarget)\(\s*name:\s*\"([^\"]+)\"", package_text):
        name = match.group(1)
        rest = package_text[match.end():]
        deps = set()
        start = re.match(r"\s*,\s*dependencies:\s*\[", rest)
        if start:
            depth, i = 1, start.end()
            while i < len(rest) and depth:
                depth += {"[": 1, "]": -1}.get(rest[i], 0)
                i += 1
            body = rest[start.end():i - 1]
            deps |= set(re.findall(r"\.product\(\s*name:\s*\"([^\"]+)\"", body))
            body = re.sub(r"\.product\([^)]*\)", "", body)
            deps |= set(re.findall(r"\"([^\"]+)\"", body))
        result[name] = deps
    return result


problems = []
declared = declared_dependencies(open(os.path.join(root, "Package.swift")).read())
sources = os.path.join(root, "Sources")
for module in sorted(os.listdir(sources)):
    directory = os.path.join(sources, module)
    if not os.path.isdir(directory) or module in ("CCurl", "CNcurses"):
        continue
    if module not in ALLOWED:
        problems.append(f"Sources/{module}: a module DESIGN.md does not list — add it to the design and to this check")
        continue
    for folder, _, files in os.walk(directory):
        for file in sorted(files):
            if not file.endswith(".swift"):
                continue
            path = os.path.join(folder, file)
            relative = os.path.relpath(path, sources)
            for number, line in enumerate(open(path, encoding="utf-8"), 1):
                match = IMPORT.match(line)
                if not match:
                    continue
                imported = match.group(1)
                where = f"Sources/{relative}:{number}"
                if imported == module:
                    continue
                if imported in OURS and imported not in ALLOWED[module]:
                    problems.append(f"{where}: {module} imports {imported} — not an arrow of the design")
                elif imported in ONLY_FROM and not ONLY_FROM[imported](relative):
                    problems.append(f"{where}: imports {imported}, which only "
                                    + ("TerminalUI/Ncurses*" if imported == "CNcurses" else "AviAPI/Transport*") + " may")
                elif imported in OURS and imported not in declared.get(module, set()):
                    problems.append(f"{where}: {module} imports {imported} without declaring it in Package.swift")
if problems:
    print("check-imports: " + str(len(problems)) + " import(s) against the design:", file=sys.stderr)
    for problem in problems:
        print("  " + problem, file=sys.stderr)
    sys.exit(1)
print("check-imports: every import follows the design")
PY
}

self_test() {
    local work status=0
    work=$(mktemp -d)
    trap 'rm -rf "$work"' RETURN
    # A minimal package that follows the design, then one wrong arrow at a time.
    make_tree() {
        rm -rf "$work/pkg"; mkdir -p "$work/pkg/Sources"/{AviAPI/Transport,Console,TerminalUI/Backend,Simulator,Exporter,avitui}
        cat > "$work/pkg/Package.swift" <<'SWIFT'
.target(name: "AviAPI", dependencies: ["CCurl"]),
.target(name: "Console", dependencies: ["AviAPI", .product(name: "X509", package: "swift-certificates")]),
.target(name: "TerminalUI", dependencies: ["Console", "AviAPI", "CNcurses"]),
.target(name: "Exporter", dependencies: ["Console", "AviAPI"]),
.target(name: "Simulator", dependencies: []),
.executableTarget(name: "avitui", dependencies: ["AviAPI", "Console", "TerminalUI", "Exporter", "Simulator"]),
SWIFT
        echo 'import CCurl' > "$work/pkg/Sources/AviAPI/Transport/CurlTransport.swift"
        echo 'import AviAPI' > "$work/pkg/Sources/Console/Snapshot.swift"
        printf 'import Console\nimport AviAPI\n' > "$work/pkg/Sources/TerminalUI/Screen.swift"
        echo 'import CNcurses' > "$work/pkg/Sources/TerminalUI/Backend/NcursesBackend.swift"
        echo 'import Console' > "$work/pkg/Sources/Exporter/Metrics.swift"
        echo 'import Foundation' > "$work/pkg/Sources/Simulator/Core.swift"
        printf 'import TerminalUI\nimport Exporter\n' > "$work/pkg/Sources/avitui/Main.swift"
    }
    make_tree
    check "$work/pkg" >/dev/null 2>&1 || { echo "check-imports self-test: a package that follows the design was refused" >&2; status=1; }
    local cases=(
        "Sources/Console/Bad.swift|import TerminalUI|Console imports TerminalUI"
        "Sources/Simulator/Bad.swift|import AviAPI|Simulator imports AviAPI"
        "Sources/Exporter/Bad.swift|import TerminalUI|Exporter imports TerminalUI"
        "Sources/TerminalUI/Bad.swift|import CNcurses|only TerminalUI/Ncurses*"
        "Sources/AviAPI/Session.swift|import CCurl|only AviAPI/Transport*"
        "Sources/AviAPI/Bad.swift|@testable import Console|AviAPI imports Console"
    )
    for case in "${cases[@]}"; do
        IFS='|' read -r file line expected <<<"$case"
        make_tree
        echo "$line" > "$work/pkg/$file"
        if output=$(check "$work/pkg" 2>&1); then
            echo "check-imports self-test: '$line' in $file was accepted" >&2; status=1
        elif ! grep -qF -- "$expected" <<<"$output"; then
            echo "check-imports self-test: '$line' in $file failed for another reason: $output" >&2; status=1
        fi
    done
    # An arrow of the design that Package.swift does not declare.
    make_tree
    sed -i 's/\["Console", "AviAPI", "CNcurses"\]/["Console", "CNcurses"]/' "$work/pkg/Package.swift"
    if check "$work/pkg" >/dev/null 2>&1; then
        echo "check-imports self-test: an undeclared TerminalUI -> AviAPI import was accepted" >&2; status=1
    fi
    [ $status -eq 0 ] && echo "check-imports self-test: every wrong arrow is refused"
    return $status
}

if [ "${1:-}" = "--self-test" ]; then
    self_test
else
    check "${1:-$(cd "$(dirname "$0")/.." && pwd)}"
fi

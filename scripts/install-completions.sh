#!/usr/bin/env bash
# Generates shell completions from the argument parser and installs them under PREFIX.
set -euo pipefail
bin="$1"; prefix="$2"
install -d "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
"$bin" --generate-completion-script bash > "$prefix/share/bash-completion/completions/avitui"
"$bin" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_avitui"
"$bin" --generate-completion-script fish > "$prefix/share/fish/vendor_completions.d/avitui.fish"

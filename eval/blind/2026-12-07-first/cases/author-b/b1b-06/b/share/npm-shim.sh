#!/bin/sh
# Installed by mcp-server-npm-scripts: remembers the package commands you run in
# a terminal so `recent_runs` can show them to your assistant. Remove the
# "# npm-scripts-mcp" lines from your shell rc file to disable.
self_dir=$(cd "$(dirname "$0")" && pwd)
PATH=$(printf '%s' "$PATH" | tr ':' '\n' | grep -vx "$self_dir" | paste -sd: -)
export PATH
printf '%s\t%s\t@TOOL@ %s\n' "$(date +%s)" "$PWD" "$*" >> "@LOG@" 2>/dev/null
exec @TOOL@ "$@"

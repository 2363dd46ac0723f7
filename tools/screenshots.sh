#!/usr/bin/env bash
# Refreshes the dashboard screenshots in docs/screenshots (overview, audit form, what-if, action plan): runs the
# browser journey test, which takes them on the demo cluster as it goes. Needs Debian's chromium (./test.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
WATCHER_SCREENSHOTS=docs/screenshots dotnet test Watcher.Tests -c Release \
  --filter "FullyQualifiedName~Watcher.Tests.Dashboard.DashboardJourneyTests" "$@"
ls -l docs/screenshots

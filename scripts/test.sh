#!/usr/bin/env bash
# The whole test suite, as README says: installs the external tools the tests use, then Maven verify.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-tools.sh
export OPT_OUT_TRACKING=true
exec mvn -B verify "$@"

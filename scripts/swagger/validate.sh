#!/usr/bin/env bash
# Validates the Swagger document as Swagger 2.0 with openapi-spec-validator (scripts/requirements.txt).
#
#   scripts/swagger/validate.sh [FILE]      (default: Sources/KKPAPI/Resources/swagger.json)
#
# Importing jsonschema builds the grammar of rfc3987-syntax, when that package is installed, to check `iri` formats:
# 4 s of CPU, for a format the Swagger 2.0 schema does not use. The validator runs without it.
set -euo pipefail
file="${1:-$(dirname "$0")/../../Sources/KKPAPI/Resources/swagger.json}"
exec python3 -c '
import sys
sys.modules["rfc3987_syntax"] = None  # see above: jsonschema then skips the iri format checker
from openapi_spec_validator.__main__ import main
sys.exit(main(sys.argv[1:]))
' --schema 2.0 "$file"

#!/usr/bin/env python3
"""Builds kkp-mock's Swagger document from KKP's own.

kkp-mock serves a Swagger 2.0 document that describes exactly the routes it serves, with KKP's operationIds,
parameters and definitions. This script takes those operations from KKP's real document (v2.16), keeps the
definitions they reach, applies the corrections listed below, merges overlay.json (kkp-mock's own additions)
and writes the result.

    python3 scripts/swagger/extract.py scripts/swagger/kkp-v2.16-swagger.json > Sources/KKPAPI/Resources/swagger.json

scripts/swagger/kkp-v2.16-swagger.json is KKP's own document, byte for byte (kubermatic/kubermatic v2.16.12,
cmd/kubermatic-api/swagger.json); the end-to-end tests also build a client from it.

Corrections to KKP's document:
- `Semver` is a string on the wire (KKP's later documents say so; v2.16's says object).
"""
import json
import sys
from collections import OrderedDict

# (path, method, operationId): what kkp-mock serves from KKP's API.
SERVED = [
    ("/api/v1/projects", "get", "listProjects"),
    ("/api/v1/projects/{project_id}", "get", "getProject"),
    ("/api/v1/projects/{project_id}/clusters", "get", "listClustersForProject"),
    ("/api/v1/projects/{project_id}/dc/{dc}/clusters", "get", "listClusters"),
    ("/api/v1/projects/{project_id}/dc/{dc}/clusters", "post", "createCluster"),
    ("/api/v1/projects/{project_id}/dc/{dc}/clusters/{cluster_id}", "get", "getCluster"),
    ("/api/v1/projects/{project_id}/dc/{dc}/clusters/{cluster_id}", "patch", "patchCluster"),
    ("/api/v1/projects/{project_id}/dc/{dc}/clusters/{cluster_id}", "delete", "deleteCluster"),
    ("/api/v2/projects/{project_id}/clusters", "get", "listClustersV2"),
    ("/api/v2/projects/{project_id}/clusters", "post", "createClusterV2"),
    ("/api/v2/projects/{project_id}/clusters/{cluster_id}", "get", "getClusterV2"),
    ("/api/v2/projects/{project_id}/clusters/{cluster_id}", "patch", "patchClusterV2"),
    ("/api/v2/projects/{project_id}/clusters/{cluster_id}", "delete", "deleteClusterV2"),
]


def refs(node, found):
    """Collects every definition name `node` refers to."""
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        if ref.startswith("#/definitions/"):
            found.add(ref[len("#/definitions/"):])
        for value in node.values():
            refs(value, found)
    elif isinstance(node, list):
        for value in node:
            refs(value, found)


def main():
    kkp = json.load(open(sys.argv[1]), object_pairs_hook=OrderedDict)
    here = sys.path[0]
    overlay = json.load(open(f"{here}/overlay.json"), object_pairs_hook=OrderedDict)

    paths = OrderedDict()
    for path, method, operation_id in SERVED:
        operation = kkp["paths"][path][method]
        if operation["operationId"] != operation_id:
            sys.exit(f"{method.upper()} {path} is {operation['operationId']} in KKP's document, not {operation_id}")
        paths.setdefault(path, OrderedDict())[method] = operation
    for path, operations in overlay.get("paths", {}).items():
        paths.setdefault(path, OrderedDict()).update(operations)

    wanted = set()
    refs(paths, wanted)
    refs(kkp["responses"], wanted)
    refs(overlay.get("definitions", {}), wanted)
    definitions = OrderedDict()
    pending = sorted(wanted)
    while pending:
        name = pending.pop()
        if name in definitions or name in overlay.get("definitions", {}):
            continue
        definitions[name] = kkp["definitions"][name]
        more = set()
        refs(definitions[name], more)
        pending.extend(sorted(more - set(definitions)))
    definitions.update(overlay.get("definitions", {}))

    definitions["Semver"] = OrderedDict(
        [("description", "Semver is a semantic version, served in canonical form (\"1.20.0\")."), ("type", "string")]
    )

    document = OrderedDict()
    document["swagger"] = "2.0"
    document["info"] = overlay["info"]
    document["consumes"] = kkp["consumes"]
    document["produces"] = kkp["produces"]
    for key in ("securityDefinitions", "security", "tags"):
        if key in overlay:
            document[key] = overlay[key]
    document["paths"] = paths
    document["definitions"] = OrderedDict(sorted(definitions.items()))
    document["responses"] = kkp["responses"]
    json.dump(document, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

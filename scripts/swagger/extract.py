#!/usr/bin/env python3
"""Builds kkp-mock's Swagger document from KKP's own.

kkp-mock serves a Swagger 2.0 document that describes exactly the routes it serves, with KKP's operationIds,
parameters and definitions. This script takes those operations from KKP's real document (v2.16), keeps the
definitions they reach, applies the corrections listed below, merges overlay.json (kkp-mock's own additions:
security, tags, the open routes of the document and the Swagger UI) and writes the result.

    python3 scripts/swagger/extract.py scripts/swagger/kkp-v2.16-swagger.json > Sources/KKPAPI/Resources/swagger.json

scripts/swagger/kkp-v2.16-swagger.json is KKP's own document, byte for byte (kubermatic/kubermatic v2.16.12,
cmd/kubermatic-api/swagger.json); the end-to-end tests also build a client from it.

Tests keep the result honest: KKPAPITests compares its operations with the route table, runs openapi-spec-validator
on it and regenerates it with this script; EndToEndTests runs schemathesis against the real server
(scripts/swagger/conformance.sh).

Corrections to KKP's document, each explained where it is made:
- `Semver` is a string on the wire (`semver_string`).
- Error responses: every error has an `errorResponse` body, and each operation lists the statuses kkp-mock sends
  (`ERRORS`, `error_responses`); a delete answers `{}` (`error_responses`).
- Cluster responses document their `ETag` and `Warning` headers, and PATCH its `If-Match` header (`cluster_headers`).
- An empty `displayAll` is allowed: it means false (`empty_display_all`).
- Examples from the fixtures for the path parameters and bodies, so that Swagger UI's "Try it out" works as it
  opens (`examples`).
"""
import copy
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

# The error statuses kkp-mock sends, per operation, with what they mean.
#
# KKP's document lists 401 and 403 (and 409 on the project reads) as `#/responses/empty`, a response without a
# body, plus a `default` errorResponse. But KKP's ErrorEncoder writes `{"error":{"code":…,"message":…}}` for every
# error, 401 and 403 included, and so does kkp-mock: a client reading the document would not expect the body that
# comes. So every listed status has the errorResponse schema, `default` stays for anything else, and the list is
# what kkp-mock sends (KKP's 409 on project reads never happens here, so it is gone; 404, 412, 413 and 415 are added).
BAD_REQUEST = "a malformed body, a value of the wrong type, or a cluster KKP would refuse (`invalid cluster: …`)"
NOT_AUTHORIZED = "no token (`not authorized`), or an unknown one (`access denied due to an invalid token`)"
FORBIDDEN = "the token's user is not a member of the project (or only a viewer, for a write)"
NOT_FOUND = "an unknown project, seed or cluster"
TOO_LARGE = "the body is over the limit (`--max-body-bytes`, 1 MiB by default)"
READ = [("401", NOT_AUTHORIZED), ("403", FORBIDDEN), ("404", NOT_FOUND)]
ERRORS = {
    "listProjects": [("400", "`displayAll` is not a boolean"), ("401", NOT_AUTHORIZED)],
    "getProject": READ,
    "listClustersForProject": READ,
    "listClusters": READ,
    "createCluster": [("400", BAD_REQUEST)] + READ
    + [("409", "the project has a cluster of that name already"), ("413", TOO_LARGE)],
    "getCluster": READ,
    "patchCluster": [("400", BAD_REQUEST)] + READ
    + [("412", "`If-Match` names another version of the cluster"), ("413", TOO_LARGE),
       ("415", "the Content-Type names another patch format (JSON patch, strategic merge patch)")],
    "deleteCluster": [("400", "`DeleteVolumes` or `DeleteLoadBalancers` is not a boolean")] + READ,
}
for _v1, _v2 in [("createCluster", "createClusterV2"), ("getCluster", "getClusterV2"),
                 ("patchCluster", "patchClusterV2"), ("deleteCluster", "deleteClusterV2")]:
    ERRORS[_v2] = ERRORS[_v1]
ERRORS["listClustersV2"] = ERRORS["listClustersForProject"]

# Values from fixtures/ for Swagger UI to fill in (`x-example` is how Swagger 2.0 documents give one for a
# non-body parameter; Swagger UI and schemathesis both read it).
PARAMETER_EXAMPLES = {"project_id": "jb4kfzwsxl", "dc": "europe-west3-c", "cluster_id": "w225mx4z66"}
PATCH_EXAMPLE = {"spec": {"serviceAccount": {"tokenVolumeProjectionEnabled": True}}}
CREATE_EXAMPLE = {"cluster": {"name": "sandbox", "spec": {"cloud": {"dc": "aws-eu-central-1a"}, "version": "1.20.2"}}}


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


def semver_string(definitions):
    """KKP's `Semver` is a Go struct that marshals to a string; v2.16's document says object, later ones string."""
    definitions["Semver"] = OrderedDict(
        [("description", "Semver is a semantic version, served in canonical form (\"1.20.0\")."), ("type", "string")]
    )


def error_responses(operation):
    """Replaces KKP's error responses by the statuses kkp-mock sends, each with the errorResponse body (see ERRORS)."""
    responses = operation["responses"]
    kept = OrderedDict((status, response) for status, response in responses.items() if status.startswith("2"))
    if kept.get("200") == {"$ref": "#/responses/empty"}:
        # KKP's `empty` response has no body, but KKP writes `{}` for a nil response (EncodeJSON in
        # pkg/handler/handler.go), and so does kkp-mock.
        kept["200"] = OrderedDict([
            ("description", "The cluster is deleted; the body is `{}`."),
            ("schema", OrderedDict([("type", "object"), ("maxProperties", 0)])),
        ])
    for status, description in ERRORS[operation["operationId"]]:
        kept[status] = OrderedDict(
            [("description", description), ("schema", OrderedDict([("$ref", "#/definitions/errorResponse")]))]
        )
    kept["default"] = responses["default"]
    operation["responses"] = kept


def cluster_headers(operation):
    """Documents the headers of cluster responses, which KKP's document does not mention.

    kkp-mock sends a strong `ETag` (the cluster's resource version) with every cluster, takes `If-Match` on PATCH
    (412 when it names another version), and says in `Warning` headers what it changed or ignored (DESIGN.md).
    """
    for status, response in operation["responses"].items():
        schema = response.get("schema", {})
        if status.startswith("2") and schema.get("$ref") == "#/definitions/Cluster":
            response["headers"] = OrderedDict([
                ("ETag", OrderedDict([
                    ("type", "string"), ("pattern", '^"[0-9]+"$'), ("x-required", True),
                    ("description", "The cluster's resource version, quoted: send it back in `If-Match`."),
                ])),
                ("Warning", OrderedDict([
                    ("type", "string"), ("pattern", '^299 - ".*"$'),
                    ("description", "`299 - \"text\"`, one header per warning: a read-only or unknown field the "
                                    "write ignored, or a setting that KKP overrides."),
                ])),
            ])
    if operation["operationId"].startswith("patchCluster"):
        operation["parameters"].append(OrderedDict([
            ("type", "string"), ("name", "If-Match"), ("in", "header"),
            ("description", "Apply the patch only if the cluster's `ETag` is this one (`*`: any version)."),
        ]))


def empty_display_all(operation):
    """KKP's decoder reads `displayAll=` (empty) as absent, so false, and so does kkp-mock; anything else that is not
    a Go boolean is a 400 (a 500 in KKP). Swagger 2.0 says that with `allowEmptyValue`."""
    for parameter in operation["parameters"]:
        if parameter["name"] == "displayAll":
            parameter["allowEmptyValue"] = True


def examples(operation, definitions):
    """Adds examples from the fixtures: Swagger UI fills them in, so "Try it out" works on the seeded data."""
    for parameter in operation["parameters"]:
        if parameter.get("in") == "path" and parameter["name"] in PARAMETER_EXAMPLES:
            parameter["x-example"] = PARAMETER_EXAMPLES[parameter["name"]]
        if parameter.get("in") == "body" and operation["operationId"].startswith("patchCluster"):
            parameter["description"] = (
                "A JSON merge patch (RFC 7396) of the cluster: objects merge, `null` removes a member (a defaulted "
                "field goes back to its default), arrays and values replace."
            )
            parameter["schema"]["example"] = PATCH_EXAMPLE
    definitions["CreateClusterSpec"]["example"] = CREATE_EXAMPLE


def main():
    kkp = json.load(open(sys.argv[1]), object_pairs_hook=OrderedDict)
    here = sys.path[0]
    overlay = json.load(open(f"{here}/overlay.json"), object_pairs_hook=OrderedDict)

    paths = OrderedDict()
    for path, method, operation_id in SERVED:
        operation = copy.deepcopy(kkp["paths"][path][method])
        if operation["operationId"] != operation_id:
            sys.exit(f"{method.upper()} {path} is {operation['operationId']} in KKP's document, not {operation_id}")
        error_responses(operation)
        cluster_headers(operation)
        empty_display_all(operation)
        paths.setdefault(path, OrderedDict())[method] = operation
    for path, operations in overlay.get("paths", {}).items():
        paths.setdefault(path, OrderedDict()).update(operations)

    wanted = set()
    refs(paths, wanted)
    refs(overlay.get("definitions", {}), wanted)
    definitions = OrderedDict()
    pending = sorted(wanted)
    while pending:
        name = pending.pop()
        if name in definitions or name in overlay.get("definitions", {}):
            continue
        definitions[name] = copy.deepcopy(kkp["definitions"][name])
        more = set()
        refs(definitions[name], more)
        pending.extend(sorted(more - set(definitions)))
    definitions.update(overlay.get("definitions", {}))
    semver_string(definitions)
    for operations in paths.values():
        for operation in operations.values():
            if operation["operationId"] in ERRORS:
                examples(operation, definitions)

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
    json.dump(document, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

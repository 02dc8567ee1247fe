#!/usr/bin/env python3
"""A KKP client that knows only KKP's real v2.16 Swagger document, run against kkp-mock.

bravado builds the client from the document at run time (no generated code): it lists, gets, creates, patches and
deletes clusters through KKP's operationIds, exactly as a client written against KKP would. Exits 0 when every step
gives what KKP would give; prints what failed otherwise.

    kkp_v216_client.py SWAGGER_JSON BASE_URL TOKEN
"""
import json
import sys

import warnings

from bravado.client import SwaggerClient
from bravado.exception import HTTPError
from bravado.requests_client import RequestsClient

swagger_path, base_url, token = sys.argv[1:4]
warnings.simplefilter("ignore")  # KKP's document has $ref siblings that swagger-spec-validator warns about
spec = json.load(open(swagger_path))
# v2.16's document says Semver is an object, but KKP itself sends a string such as "1.19.3" (its later documents say
# so): a client built from the v2.16 document needs this one correction to read KKP's responses, and it is the only one.
spec["definitions"]["Semver"] = {"type": "string"}
http = RequestsClient()
http.set_api_key(base_url.split("//", 1)[1], "Bearer " + token, param_name="Authorization", param_in="header")
config = {
    "validate_responses": True,
    "validate_requests": True,
    "use_models": False,
}
client = SwaggerClient.from_spec(spec, origin_url=base_url, http_client=http, config=config)
project = client.project
PROJECT = "jb4kfzwsxl"
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)


def call(operation, **parameters):
    """Calls an operation; returns (result, response), also for an error status."""
    try:
        result = operation(**parameters).response(timeout=10)
        return result.result, result.incoming_response
    except HTTPError as error:
        return None, error.response


projects, response = call(project.listProjects)
check(response.status_code == 200 and [p["id"] for p in projects] == ["jb4kfzwsxl", "t7nqxv2d5c"], f"listProjects: {projects}")

clusters, response = call(project.listClustersV2, project_id=PROJECT)
check(response.status_code == 200 and len(clusters) == 3, f"listClustersV2: {response.status_code} {clusters}")

cluster, response = call(project.getClusterV2, project_id=PROJECT, cluster_id="w225mx4z66")
check(cluster["spec"]["serviceAccount"]["tokenVolumeProjectionEnabled"] is False, f"getClusterV2: {cluster}")

cluster, response = call(project.getCluster, project_id=PROJECT, dc="europe-west3-c", cluster_id="w225mx4z66")
check(response.status_code == 200 and cluster["id"] == "w225mx4z66", f"getCluster: {response.status_code}")

body = {"cluster": {"name": "from-v216-client", "spec": {"cloud": {"dc": "hetzner-nbg1", "hetzner": {}}, "version": "1.19.3"}}}
created, response = call(project.createClusterV2, project_id=PROJECT, Body=body)
check(response.status_code == 201 and created["name"] == "from-v216-client", f"createClusterV2: {response.status_code} {created}")
new_id = created["id"]

patch = {"spec": {"serviceAccount": {"tokenVolumeProjectionEnabled": True}}}
patched, response = call(project.patchClusterV2, project_id=PROJECT, cluster_id=new_id, Patch=patch)
check(response.status_code == 200 and patched["spec"]["serviceAccount"]["tokenVolumeProjectionEnabled"] is True,
      f"patchClusterV2: {response.status_code} {patched}")

patched, response = call(project.patchCluster, project_id=PROJECT, dc="europe-west3-c", cluster_id=new_id,
                         Patch={"spec": {"version": "1.20.2"}})
check(response.status_code == 200 and patched["status"]["version"] == "1.20.2", f"patchCluster: {response.status_code}")

v1_created, response = call(project.createCluster, project_id=PROJECT, dc="us-central1",
                            Body={"cluster": {"name": "v1-made", "spec": {"cloud": {"dc": "do-nyc1"}, "version": "1.18.14"}}})
check(response.status_code == 201, f"createCluster: {response.status_code} {v1_created}")
_, response = call(project.deleteCluster, project_id=PROJECT, dc="us-central1", cluster_id=v1_created["id"])
check(response.status_code == 200, f"deleteCluster: {response.status_code}")

deleted, response = call(project.deleteClusterV2, project_id=PROJECT, cluster_id=new_id)
check(response.status_code == 200 and response.text.strip() == "{}", f"deleteClusterV2: {response.status_code} {response.text}")

missing, response = call(project.getClusterV2, project_id=PROJECT, cluster_id=new_id)
check(response.status_code == 404 and json.loads(response.text)["error"]["code"] == 404, f"get after delete: {response.status_code}")

clusters, response = call(project.listClustersForProject, project_id=PROJECT)
check(len(clusters) == 3, f"listClustersForProject after delete: {len(clusters)}")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("ok: list, get, create, patch and delete through KKP v2.16's operationIds")

"""The Python kubernetes client against kkp-mock's Kubernetes view.

Usage: kubernetes_dynamic_client.py BASE_URL CLUSTER_ID [TOKEN]

Discovers the Cluster resource with a DynamicClient, lists the clusters, gets one, enables token volume projection
with a merge patch, renames it with a JSON patch (testing the resource version first), and checks that a missing cluster is a
NotFoundError. Prints one line per step as JSON, then "ok: ..."; any failure exits non-zero with a traceback.
"""
import json
import sys
import tempfile

from kubernetes import client, dynamic
from kubernetes.dynamic.exceptions import NotFoundError


def main():
    base, cluster_id = sys.argv[1], sys.argv[2]
    token = sys.argv[3] if len(sys.argv) > 3 else None
    configuration = client.Configuration()
    configuration.host = base
    if token:
        configuration.api_key = {"authorization": token}
        configuration.api_key_prefix = {"authorization": "Bearer"}
    api_client = client.ApiClient(configuration)
    with tempfile.TemporaryDirectory() as cache:
        dc = dynamic.DynamicClient(api_client, cache_file=cache + "/discovery.json")
        clusters = dc.resources.get(api_version="kubermatic.k8s.io/v1", kind="Cluster")
        assert not clusters.namespaced and clusters.short_names == ["cl"], clusters

        listed = clusters.get()
        names = sorted(item.metadata.name for item in listed.items)
        print(json.dumps({"step": "list", "kind": listed.kind, "names": names}))

        cluster = clusters.get(name=cluster_id)
        print(json.dumps({"step": "get", "humanReadableName": cluster.spec.humanReadableName,
                          "projection": cluster.spec.serviceAccount.tokenVolumeProjectionEnabled,
                          "resourceVersion": cluster.metadata.resourceVersion}))

        patched = clusters.patch(name=cluster_id, body={"spec": {"serviceAccount": {"tokenVolumeProjectionEnabled": True}}},
                                 content_type="application/merge-patch+json")
        assert patched.spec.serviceAccount.tokenVolumeProjectionEnabled is True, patched
        assert patched.metadata.resourceVersion != cluster.metadata.resourceVersion, patched
        print(json.dumps({"step": "merge-patch", "projection": patched.spec.serviceAccount.tokenVolumeProjectionEnabled,
                          "resourceVersion": patched.metadata.resourceVersion}))

        renamed = clusters.patch(name=cluster_id, body=[
            {"op": "test", "path": "/metadata/resourceVersion", "value": patched.metadata.resourceVersion},
            {"op": "replace", "path": "/spec/humanReadableName", "value": "renamed-by-python"}],
            content_type="application/json-patch+json")
        assert renamed.spec.humanReadableName == "renamed-by-python", renamed
        print(json.dumps({"step": "json-patch", "humanReadableName": renamed.spec.humanReadableName,
                          "resourceVersion": renamed.metadata.resourceVersion}))

        try:
            clusters.get(name="nosuchcluster")
            raise AssertionError("a missing cluster was found")
        except NotFoundError as error:
            status = json.loads(error.body)
            assert status["kind"] == "Status" and status["reason"] == "NotFound", status
            print(json.dumps({"step": "not-found", "message": status["message"]}))

    print("ok: discovery, list, get, merge patch, json patch and not found")


if __name__ == "__main__":
    main()

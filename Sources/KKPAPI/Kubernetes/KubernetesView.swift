import KKPCore
import MicroHTTP

/// The Kubernetes-style view of the clusters, for kubectl and Kubernetes clients: discovery, the OpenAPI document
/// and the `clusters` resource of `kubermatic.k8s.io/v1`.
///
/// Its routes follow the REST API's auth rules (a token unless `--no-auth`; `/version` is open, as in Kubernetes),
/// and every error on its paths, unknown paths under `/apis/` included, is a Kubernetes `Status`.
enum KubernetesView {
    /// The route table of the view: method, path, an operationId in Kubernetes' style, whether a token is needed,
    /// and the handler.
    static let routes: [(method: HTTPMethod, path: String, operation: String, authenticated: Bool, handler: Handler)] = {
        let clusters = "/apis/\(ClusterResource.group)/v1/clusters"
        return [
            (.get, "/version", "getCodeVersion", false, KubernetesDiscovery.version),
            (.get, "/api", "getCoreAPIVersions", true, KubernetesDiscovery.coreVersions),
            (.get, "/apis", "getAPIVersions", true, KubernetesDiscovery.groups),
            (.get, "/apis/\(ClusterResource.group)", "getKubermaticK8sIoAPIGroup", true, KubernetesDiscovery.kubermaticGroup),
            (.get, "/apis/\(ClusterResource.group)/v1", "getKubermaticK8sIoV1APIResources", true, KubernetesDiscovery.resources),
            (.get, "/openapi/v2", "getOpenAPIV2", true, KubernetesDiscovery.openAPIV2),
            (.get, clusters, "listKubermaticK8sIoV1Cluster", true, ClusterResourceHandlers.list),
            (.get, clusters + "/{name}", "readKubermaticK8sIoV1Cluster", true, ClusterResourceHandlers.get),
            (.patch, clusters + "/{name}", "patchKubermaticK8sIoV1Cluster", true, ClusterResourceHandlers.patch),
            (.put, clusters + "/{name}", "replaceKubermaticK8sIoV1Cluster", true, ClusterResourceHandlers.replace),
        ]
    }()

    /// Whether `path` belongs to the view, so that its errors are `Status` objects: `/api` itself (not the KKP REST
    /// API below it), `/apis` and below, `/openapi/` and `/version`.
    static func serves(_ path: String) -> Bool {
        path == "/api" || path == "/apis" || path.hasPrefix("/apis/") || path.hasPrefix("/openapi/") || path == "/version"
    }
}

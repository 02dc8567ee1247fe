import MicroHTTP

/// The route table: every path this server serves, its method and its handler, with KKP's operationIds.
enum Routes {
    /// The table.
    static let router: Router<Handler> = {
        var router = Router<Handler>()
        router.add(.get, "/api/v1/projects", ProjectHandlers.list)  // listProjects
        router.add(.get, "/api/v1/projects/{project_id}", ProjectHandlers.get)  // getProject
        router.add(.get, "/api/v1/projects/{project_id}/clusters", ClusterHandlers.listForProject)  // listClustersForProject
        router.add(.get, "/api/v1/projects/{project_id}/dc/{dc}/clusters", ClusterHandlers.listForSeed)  // listClusters
        let v1Cluster = "/api/v1/projects/{project_id}/dc/{dc}/clusters/{cluster_id}"
        router.add(.get, v1Cluster, ClusterHandlers.get(ClusterHandlers.findV1))  // getCluster
        router.add(.patch, v1Cluster, ClusterHandlers.patch(ClusterHandlers.findV1))  // patchCluster
        router.add(.get, "/api/v2/projects/{project_id}/clusters", ClusterHandlers.listForProject)  // listClustersV2
        let v2Cluster = "/api/v2/projects/{project_id}/clusters/{cluster_id}"
        router.add(.get, v2Cluster, ClusterHandlers.get(ClusterHandlers.findV2))  // getClusterV2
        router.add(.patch, v2Cluster, ClusterHandlers.patch(ClusterHandlers.findV2))  // patchClusterV2
        router.add(.get, "/api/swagger.json", SwaggerDocument.get)
        return router
    }()
}

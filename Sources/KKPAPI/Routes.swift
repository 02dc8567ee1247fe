import MicroHTTP

/// The route table: every path this server serves, its method, KKP's operationId and its handler.
///
/// The Swagger document (`Resources/swagger.json`) has an operation for each row, with the same operationId; a test
/// compares the two.
enum Routes {
    /// The rows, in the order they are added.
    static let table: [(method: HTTPMethod, path: String, route: Route)] = {
        var table: [(method: HTTPMethod, path: String, route: Route)] = []
        func add(_ method: HTTPMethod, _ path: String, _ operation: String, authenticated: Bool = true, _ handler: @escaping Handler) {
            table.append((method, path, Route(operation: operation, handler: handler, authenticated: authenticated)))
        }
        add(.get, "/api/v1/projects", "listProjects", ProjectHandlers.list)
        add(.get, "/api/v1/projects/{project_id}", "getProject", ProjectHandlers.get)
        add(.get, "/api/v1/projects/{project_id}/clusters", "listClustersForProject", ClusterHandlers.listForProject)
        let v1Clusters = "/api/v1/projects/{project_id}/dc/{dc}/clusters"
        add(.get, v1Clusters, "listClusters", ClusterHandlers.listForSeed)
        add(.post, v1Clusters, "createCluster", ClusterHandlers.create(seeded: true))
        let v1Cluster = v1Clusters + "/{cluster_id}"
        add(.get, v1Cluster, "getCluster", ClusterHandlers.get(ClusterHandlers.findV1))
        add(.patch, v1Cluster, "patchCluster", ClusterHandlers.patch(ClusterHandlers.findV1))
        add(.delete, v1Cluster, "deleteCluster", ClusterHandlers.delete(ClusterHandlers.findV1))
        let v2Clusters = "/api/v2/projects/{project_id}/clusters"
        add(.get, v2Clusters, "listClustersV2", ClusterHandlers.listForProject)
        add(.post, v2Clusters, "createClusterV2", ClusterHandlers.create(seeded: false))
        let v2Cluster = v2Clusters + "/{cluster_id}"
        add(.get, v2Cluster, "getClusterV2", ClusterHandlers.get(ClusterHandlers.findV2))
        add(.patch, v2Cluster, "patchClusterV2", ClusterHandlers.patch(ClusterHandlers.findV2))
        add(.delete, v2Cluster, "deleteClusterV2", ClusterHandlers.delete(ClusterHandlers.findV2))
        add(.get, "/api/swagger.json", "getSwaggerDocument", authenticated: false, SwaggerDocument.get)
        add(.get, "/rest-api", "getSwaggerUI", authenticated: false, SwaggerUI.getPage)
        add(.get, "/rest-api/{file}", "getSwaggerUIFile", authenticated: false, SwaggerUI.getFile)
        addMockRoutes { add($0, $1, $2, authenticated: false, $3) }
        return table
    }()

    /// The table as a router.
    static let router: Router<Route> = {
        var router = Router<Route>()
        for row in table { router.add(row.method, row.path, row.route) }
        // The Kubernetes view: described by its discovery documents and /openapi/v2, not by KKP's Swagger document.
        for route in KubernetesView.routes {
            router.add(
                route.method, route.path,
                Route(operation: route.operation, handler: route.handler, authenticated: route.authenticated)
            )
        }
        return router
    }()
}

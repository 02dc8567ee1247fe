import KKPCore
import KKPStore
import MicroHTTP

/// The cluster endpoints of KKP's v1 and v2 API: thin handlers over ``ClusterPolicy`` and the store.
enum ClusterHandlers {
    /// Finds the cluster of a request, checking access; `write` asks for the right to change it.
    typealias Finder = @Sendable (RequestContext, _ write: Bool) throws -> StoredCluster

    // MARK: Lookups, in KKP's order of checks

    /// v1 (`/projects/{project_id}/dc/{dc}/clusters/{cluster_id}`): the seed named by `{dc}`, then the project and the
    /// caller's access to it, then the cluster in that seed and project.
    static let findV1: Finder = { context, write in
        let seed = try requireSeed(context)
        let project = try context.project(write: write)
        let id = context.parameter("cluster_id")
        guard let cluster = try context.store.cluster(id: id), cluster.projectID == project.id, cluster.seed == seed.name else {
            throw clusterNotFound(id)
        }
        return cluster
    }

    /// v2 (`/projects/{project_id}/clusters/{cluster_id}`): the cluster by id first (KKP finds its seed that way, so an
    /// unknown id is `cluster-provider "…" not found`, even for a caller who may not see the project), then the
    /// project and the caller's access, then membership of the cluster in the project.
    static let findV2: Finder = { context, write in
        let id = context.parameter("cluster_id")
        guard let cluster = try context.store.cluster(id: id) else {
            throw APIError.notFound(kind: "cluster-provider", name: id)
        }
        let project = try context.project(write: write)
        guard cluster.projectID == project.id else { throw clusterNotFound(id) }
        return cluster
    }

    static func requireSeed(_ context: RequestContext) throws(APIError) -> Seed {
        let name = context.parameter("dc")
        guard let seed = context.store.directory.seed(named: name) else { throw APIError.notFound(kind: "seed", name: name) }
        return seed
    }

    static func clusterNotFound(_ id: String) -> APIError {
        APIError.notFound(kind: "clusters.kubermatic.k8s.io", name: id)
    }

    // MARK: Handlers

    /// `getCluster`, `getClusterV2`.
    static func get(_ find: @escaping Finder) -> Handler {
        { context in .cluster(try find(context, false)) }
    }

    /// `patchCluster`, `patchClusterV2`: merge patch → defaults → validation → one transaction → the stored document.
    static func patch(_ find: @escaping Finder) -> Handler {
        { context in
            let found = try find(context, true)
            let patch = try PatchBody.parse(context.request)
            let ifMatch = context.request.headers["If-Match"]
            var warnings: [String] = []
            let stored: StoredCluster
            do {
                stored = try context.store.updateCluster(id: found.id) { record in
                    guard record.projectID == found.projectID else { throw clusterNotFound(found.id) }
                    if let ifMatch, !StoredCluster(record).matches(ifMatch: ifMatch) {
                        throw APIError.preconditionFailed(
                            "the cluster \"\(found.id)\" has been modified: If-Match \(ifMatch) does not match ETag \"\(record.resourceVersion)\""
                        )
                    }
                    let write = try context.policy.patch(patch, stored: record.documents)
                    warnings = write.warnings
                    return write.documents
                }
            } catch let error as StoreError where error.kind == .notFound {
                throw clusterNotFound(found.id)
            }
            return .cluster(stored, warnings: warnings)
        }
    }

    /// `deleteCluster`, `deleteClusterV2`: 200 with `{}`, as KKP answers. The `DeleteVolumes` and
    /// `DeleteLoadBalancers` headers must be booleans, as KKP's decoder requires (there is nothing to clean up).
    static func delete(_ find: @escaping Finder) -> Handler {
        { context in
            _ = try BooleanParameter.header("DeleteVolumes", of: context.request)
            _ = try BooleanParameter.header("DeleteLoadBalancers", of: context.request)
            let found = try find(context, true)
            do {
                try context.store.deleteCluster(id: found.id, projectID: found.projectID)
            } catch let error as StoreError where error.kind == .notFound {
                throw clusterNotFound(found.id)
            }
            return .json(Array("{}".utf8))
        }
    }

    /// `createCluster` (with the seed of `{dc}`) and `createClusterV2` (`seeded` false): 201 with the new cluster.
    static func create(seeded: Bool) -> Handler {
        { context in
            let seedName = seeded ? try requireSeed(context).name : nil
            let project = try context.project(write: true)
            let body: JSONValue
            do {
                body = try JSONValue(parsing: context.request.body)
            } catch let error as JSONParseError {
                throw APIError.badRequest("cannot decode create cluster request", details: [error.description])
            }
            let identity = NewClusterIdentity(id: context.ids.next(), creationTimestamp: Timestamp.rfc3339(context.clock.now()))
            let (seed, write) = try context.policy.create(body, directory: context.store.directory, seedName: seedName, identity: identity)
            let stored: StoredCluster
            do {
                stored = try context.store.insertCluster(id: identity.id, projectID: project.id, seed: seed.name, documents: write.documents)
            } catch let error as StoreError where error.kind == .conflict {
                throw APIError(code: 409, message: error.message)
            }
            return .cluster(stored, status: .created, warnings: write.warnings)
        }
    }

    /// `listClustersForProject`, `listClustersV2`: the project's clusters, oldest first.
    static let listForProject: Handler = { context in
        let project = try context.project(write: false)
        return .jsonArray(try context.store.clusters(projectID: project.id).map(\.effectiveJSON))
    }

    /// `listClusters`: the project's clusters on the seed named by `{dc}`.
    static let listForSeed: Handler = { context in
        let seed = try requireSeed(context)
        let project = try context.project(write: false)
        let clusters = try context.store.clusters(projectID: project.id).filter { $0.seed == seed.name }
        return .jsonArray(clusters.map(\.effectiveJSON))
    }
}

extension StoredCluster {
    /// The placement and resource version of a record (the effective JSON is not needed for an ETag check).
    fileprivate init(_ record: ClusterRecord) {
        self.init(id: record.id, projectID: record.projectID, seed: record.seed, resourceVersion: record.resourceVersion, effectiveJSON: [])
    }
}

extension HTTPResponse {
    /// A JSON array of already serialized elements, written without reparsing them.
    static func jsonArray(_ elements: [[UInt8]]) -> HTTPResponse {
        var body: [UInt8] = [UInt8(ascii: "[")]
        body.reserveCapacity(elements.reduce(2) { $0 + $1.count + 1 })
        for (index, element) in elements.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body.append(contentsOf: element)
        }
        body.append(UInt8(ascii: "]"))
        return .json(body)
    }
}

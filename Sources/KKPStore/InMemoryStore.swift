public import KKPCore
import Synchronization

/// A store that keeps everything in memory, for in-process tests of the API layer.
///
/// It behaves like ``SQLiteStore``: the same resource-version rule, the same errors, one lock for every write.
public final class InMemoryStore: PlatformStore {
    private struct State {
        var directory: Directory
        var clusters: [String: ClusterRecord] = [:]
        var order: [String] = []
        var resourceVersion = 0
    }

    public var directory: Directory { state.withLock { $0.directory } }
    private let state: Mutex<State>

    /// A store seeded from a fixture set.
    public init(fixtures: FixtureSet) {
        state = Mutex(Self.seeded(fixtures))
    }

    public func reset(to fixtures: FixtureSet) throws(StoreError) {
        let fresh = Self.seeded(fixtures)
        state.withLock { $0 = fresh }
    }

    /// The state of a store created from `fixtures`: the clusters in fixture order, resource versions 1…n.
    private static func seeded(_ fixtures: FixtureSet) -> State {
        var state = State(directory: fixtures.directory)
        for cluster in fixtures.clusters where state.clusters[cluster.id] == nil {
            state.resourceVersion += 1
            state.clusters[cluster.id] = ClusterRecord(
                id: cluster.id, projectID: cluster.projectID, seed: cluster.seed, resourceVersion: state.resourceVersion,
                documents: cluster.documents
            )
            state.order.append(cluster.id)
        }
        return state
    }

    public func cluster(id: String) throws(StoreError) -> StoredCluster? {
        state.withLock { state in state.clusters[id].map(Self.stored) }
    }

    public func clusters(projectID: String) throws(StoreError) -> [StoredCluster] {
        state.withLock { state in
            state.order.compactMap { state.clusters[$0] }.filter { $0.projectID == projectID }.map(Self.stored)
        }
    }

    public func updateCluster(id: String, _ change: (ClusterRecord) throws -> ClusterDocuments) throws -> StoredCluster {
        try state.withLock { state throws -> StoredCluster in
            guard var record = state.clusters[id] else { throw StoreError(.notFound, "cluster \"\(id)\" not found") }
            let documents = try change(record)
            if documents != record.documents {
                state.resourceVersion += 1
                record.documents = documents
                record.resourceVersion = state.resourceVersion
                state.clusters[id] = record
            }
            return Self.stored(record)
        }
    }

    @discardableResult
    public func insertCluster(id: String, projectID: String, seed: String, documents: ClusterDocuments) throws(StoreError) -> StoredCluster {
        let result: Result<StoredCluster, StoreError> = state.withLock { state in
            guard state.clusters[id] == nil else { return .failure(StoreError(.conflict, "cluster \"\(id)\" already exists")) }
            if state.clusters.values.contains(where: { $0.projectID == projectID && $0.documents.name == documents.name }) {
                return .failure(StoreError(.conflict, "cluster \"\(documents.name)\" already exists"))
            }
            state.resourceVersion += 1
            let record = ClusterRecord(id: id, projectID: projectID, seed: seed, resourceVersion: state.resourceVersion, documents: documents)
            state.clusters[id] = record
            state.order.append(id)
            return .success(Self.stored(record))
        }
        return try result.get()
    }

    public func deleteCluster(id: String, projectID: String) throws(StoreError) {
        let found = state.withLock { state in
            guard state.clusters[id]?.projectID == projectID else { return false }
            state.clusters[id] = nil
            state.order.removeAll { $0 == id }
            state.resourceVersion += 1
            return true
        }
        if !found { throw StoreError(.notFound, "cluster \"\(id)\" not found") }
    }

    private static func stored(_ record: ClusterRecord) -> StoredCluster {
        StoredCluster(
            id: record.id, projectID: record.projectID, seed: record.seed, resourceVersion: record.resourceVersion,
            effectiveJSON: JSONValue.object(record.documents.effective).serialized()
        )
    }
}

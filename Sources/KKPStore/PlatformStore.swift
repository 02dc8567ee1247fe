public import KKPCore

/// Where kkp-mock keeps its state: the reference data (projects, users, seeds, versions) and the clusters.
///
/// Two implementations: ``SQLiteStore`` (the product) and ``InMemoryStore`` (a twin for fast in-process tests).
/// Every write runs in one transaction; reads never wait on writes.
public protocol PlatformStore: AnyObject, Sendable {
    /// The reference data, as an immutable snapshot (a new one after ``reset(to:)``).
    var directory: Directory { get }

    /// The cluster with `id`, or `nil`.
    /// - Throws: `StoreError` when the storage fails.
    func cluster(id: String) throws(StoreError) -> StoredCluster?

    /// The clusters of a project, oldest first.
    /// - Throws: `StoreError` when the storage fails.
    func clusters(projectID: String) throws(StoreError) -> [StoredCluster]

    /// Reads, changes and writes one cluster in one transaction, so concurrent updates never lose a write.
    ///
    /// `change` gets the current record and returns the documents to store, or throws to abandon the write. When the
    /// documents equal the stored ones nothing is written and the resource version stays.
    /// - Returns: the cluster as stored after the write.
    /// - Throws: `StoreError.notFound` when there is no such cluster, `change`'s error, or `StoreError` when the
    ///   storage fails.
    func updateCluster(id: String, _ change: (ClusterRecord) throws -> ClusterDocuments) throws -> StoredCluster

    /// Adds a cluster in one transaction.
    /// - Throws: `StoreError.conflict` when the id is taken or the project has a cluster of the same name (KKP's
    ///   names are unique per project), `StoreError` when the storage fails.
    @discardableResult
    func insertCluster(id: String, projectID: String, seed: String, documents: ClusterDocuments) throws(StoreError) -> StoredCluster

    /// Removes a cluster of a project in one transaction.
    /// - Throws: `StoreError.notFound` when the project has no such cluster, `StoreError` when the storage fails.
    func deleteCluster(id: String, projectID: String) throws(StoreError)

    /// Replaces everything, the reference data and the clusters, with a fixture set in one transaction, as if the
    /// store had been created from it: resource versions start again from the fixtures' count.
    ///
    /// On failure nothing changes. Each read sees either the old state or the new one.
    /// - Throws: `StoreError` when the storage fails.
    func reset(to fixtures: FixtureSet) throws(StoreError)
}

extension ClusterDocuments {
    /// The cluster's human-readable name.
    var name: String { intent["name"]?.stringValue ?? "" }
}

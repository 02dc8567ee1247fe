public import KKPCore

/// A cluster as reads serve it: its placement, its resource version and its effective document, already serialized.
///
/// Reads never compute: the effective document is written once per write and served byte for byte.
public struct StoredCluster: Sendable, Equatable {
    /// The cluster id.
    public var id: String
    /// The project the cluster belongs to.
    public var projectID: String
    /// The seed hosting the cluster.
    public var seed: String
    /// A store-wide counter value taken at the cluster's last write; it bumps only when a write changes something.
    public var resourceVersion: Int
    /// The effective document as compact JSON.
    public var effectiveJSON: [UInt8]

    /// A stored cluster.
    public init(id: String, projectID: String, seed: String, resourceVersion: Int, effectiveJSON: [UInt8]) {
        self.id = id
        self.projectID = projectID
        self.seed = seed
        self.resourceVersion = resourceVersion
        self.effectiveJSON = effectiveJSON
    }
}

/// A cluster as writes see it: its placement, resource version and both documents, parsed.
public struct ClusterRecord: Sendable, Equatable {
    /// The cluster id.
    public var id: String
    /// The project the cluster belongs to.
    public var projectID: String
    /// The seed hosting the cluster.
    public var seed: String
    /// The resource version of the last write.
    public var resourceVersion: Int
    /// The intent and effective documents.
    public var documents: ClusterDocuments

    /// A cluster record.
    public init(id: String, projectID: String, seed: String, resourceVersion: Int, documents: ClusterDocuments) {
        self.id = id
        self.projectID = projectID
        self.seed = seed
        self.resourceVersion = resourceVersion
        self.documents = documents
    }
}

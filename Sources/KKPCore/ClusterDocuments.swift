/// The two documents kkp-mock keeps for a cluster.
///
/// The intent is what clients have set (after merge patches, with `null` members removed); the effective document is
/// the intent plus KKP's defaults, in canonical member order, and is what every response shows. A PATCH applies to
/// the intent, so `null` on a defaulted field resets it to its default.
public struct ClusterDocuments: Sendable, Equatable {
    /// What clients have set.
    public var intent: JSONObject
    /// The intent with defaults applied; served as is.
    public var effective: JSONObject

    /// Both documents.
    public init(intent: JSONObject, effective: JSONObject) {
        self.intent = intent
        self.effective = effective
    }
}

/// The result of a cluster write: the documents to store and the warnings to send with the response.
public struct ClusterWrite: Sendable, Equatable {
    /// The documents to store.
    public var documents: ClusterDocuments
    /// Warnings for the `Warning` response header, one per header.
    public var warnings: [String]

    /// A write of `documents` with `warnings`.
    public init(documents: ClusterDocuments, warnings: [String]) {
        self.documents = documents
        self.warnings = warnings
    }
}

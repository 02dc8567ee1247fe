import KKPCore
import KKPStore

extension StoredCluster {
    /// The strong entity tag of this version of the cluster: its resource version in quotes.
    var etag: String { "\"\(resourceVersion)\"" }

    /// Whether an `If-Match` header value matches this cluster: `*`, or a list of entity tags that holds ``etag``
    /// (weak tags never match: `If-Match` uses strong comparison).
    func matches(ifMatch header: String) -> Bool {
        let tags = header.split(separator: ",").map { $0.trimmingBlanks() }
        return tags.contains("*") || tags.contains(etag)
    }
}

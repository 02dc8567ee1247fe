import KKPStore

extension StoredCluster {
    /// The strong entity tag of this version of the cluster: its resource version in quotes.
    var etag: String { "\"\(resourceVersion)\"" }

    /// Whether an `If-Match` header value matches this cluster: `*`, or a list of entity tags that holds ``etag``
    /// (weak tags never match: `If-Match` uses strong comparison).
    func matches(ifMatch header: String) -> Bool {
        let tags = header.split(separator: ",").map { $0.trimmingCharacters(in: " \t") }
        return tags.contains("*") || tags.contains(etag)
    }
}

extension StringProtocol {
    /// The text without leading and trailing characters of `set`.
    func trimmingCharacters(in set: String) -> String {
        let characters = Set(set)
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, characters.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}

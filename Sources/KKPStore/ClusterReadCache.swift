/// The clusters that reads served and writes stored last, as reads serve them, so that a GET of a cluster opens no
/// read transaction: SQLite's shared-memory locks and a statement cost more than the rest of such a request.
///
/// A generation keeps it right: each write of this process bumps it as it changes an entry (after its commit, under
/// the write lock), and a read that missed fills in what it read only when no write came in between, so an older
/// document never replaces a newer one nor brings back a deleted cluster. Commits by other processes empty it (see
/// ``SQLiteStore``). It is a value guarded by the store's mutex.
struct ClusterReadCache {
    /// How many clusters are kept; on overflow all are dropped, which bounds the memory at a few megabytes.
    static let capacity = 4096
    /// Bumped by every change a write makes.
    private(set) var generation: UInt64 = 0
    private var entries: [String: StoredCluster] = [:]

    /// The cached cluster with `id`.
    func cluster(id: String) -> StoredCluster? {
        entries[id]
    }

    /// Keeps what a read found, unless a write changed the cache since `generation` (read before the read began).
    mutating func fill(_ cluster: StoredCluster, readAt generation: UInt64) {
        guard generation == self.generation else { return }
        insert(cluster)
    }

    /// Keeps a cluster as a write just committed it.
    mutating func store(_ cluster: StoredCluster) {
        generation &+= 1
        insert(cluster)
    }

    /// Forgets a deleted cluster.
    mutating func remove(id: String) {
        generation &+= 1
        entries[id] = nil
    }

    /// Forgets everything.
    mutating func clear() {
        generation &+= 1
        entries.removeAll()
    }

    private mutating func insert(_ cluster: StoredCluster) {
        if entries.count >= Self.capacity, entries[cluster.id] == nil { entries.removeAll(keepingCapacity: true) }
        entries[cluster.id] = cluster
    }
}

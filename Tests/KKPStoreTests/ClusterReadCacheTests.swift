import Testing

@testable import KKPStore

/// The read cache's generation rule: what a read found is kept only when no write came while it read.
struct ClusterReadCacheTests {
    static func cluster(_ id: String, version: Int) -> StoredCluster {
        StoredCluster(id: id, projectID: "p", seed: "s", resourceVersion: version, effectiveJSON: Array("{}".utf8))
    }

    @Test func aReadFillsWhenNoWriteCameBetween() {
        var cache = ClusterReadCache()
        let generation = cache.generation
        cache.fill(Self.cluster("a", version: 1), readAt: generation)
        #expect(cache.cluster(id: "a")?.resourceVersion == 1)
    }

    @Test func anOlderReadNeverReplacesAWrite() {
        var cache = ClusterReadCache()
        let generation = cache.generation  // a read begins
        cache.store(Self.cluster("a", version: 2))  // a write commits meanwhile
        cache.fill(Self.cluster("a", version: 1), readAt: generation)  // the read found the old row
        #expect(cache.cluster(id: "a")?.resourceVersion == 2)
    }

    @Test func anOlderReadNeverBringsBackADeletedCluster() {
        var cache = ClusterReadCache()
        cache.store(Self.cluster("a", version: 1))
        let generation = cache.generation
        cache.remove(id: "a")
        cache.fill(Self.cluster("a", version: 1), readAt: generation)
        #expect(cache.cluster(id: "a") == nil)
        let afterClear = cache.generation
        cache.store(Self.cluster("b", version: 3))
        cache.clear()
        cache.fill(Self.cluster("b", version: 3), readAt: afterClear)
        #expect(cache.cluster(id: "b") == nil)
    }

    @Test func itHoldsAtMostItsCapacity() {
        var cache = ClusterReadCache()
        for index in 0..<(ClusterReadCache.capacity + 10) { cache.store(Self.cluster("c\(index)", version: index)) }
        let kept = (0..<(ClusterReadCache.capacity + 10)).filter { cache.cluster(id: "c\($0)") != nil }.count
        #expect(kept <= ClusterReadCache.capacity)
        #expect(cache.cluster(id: "c\(ClusterReadCache.capacity + 9)") != nil, "the newest is kept")
    }
}

import Foundation
import KKPCore
import KKPStore
import KKPTesting
import Testing

/// Which store a contract test runs against.
enum StoreKind: String, CaseIterable, Sendable {
    case sqliteFile, sqliteMemory, inMemory

    /// Runs `body` with a fresh store of this kind, seeded from the repository's fixtures.
    func withStore<T>(_ body: (any PlatformStore) throws -> T) throws -> T {
        let temporary = try TemporaryDirectory()
        return try withExtendedLifetime(temporary) { try body(try make(in: temporary)) }
    }

    /// Runs `body` with a fresh store of this kind, seeded from the repository's fixtures.
    func withStore<T>(_ body: (any PlatformStore) async throws -> T) async throws -> T {
        let temporary = try TemporaryDirectory()
        let result = try await body(try make(in: temporary))
        withExtendedLifetime(temporary) {}
        return result
    }

    private func make(in temporary: TemporaryDirectory) throws -> any PlatformStore {
        let fixtures = try Fixtures.load()
        switch self {
        case .sqliteFile: return try SQLiteStore(path: temporary.path + "/db.sqlite", fixtures: { fixtures })
        case .sqliteMemory: return try SQLiteStore(path: ":memory:", fixtures: { fixtures })
        case .inMemory: return InMemoryStore(fixtures: fixtures)
        }
    }
}

/// The behaviour both stores promise (the in-memory twin must not drift from the SQLite store).
struct StoreContractTests {
    struct Boom: Error {}

    func relabel(_ documents: ClusterDocuments, _ value: String) -> ClusterDocuments {
        var documents = documents
        documents.intent.setValue(.string(value), at: ["labels", "env"])
        documents.effective.setValue(.string(value), at: ["labels", "env"])
        return documents
    }

    @Test(arguments: StoreKind.allCases)
    func seededClustersAreReadable(_ kind: StoreKind) throws {
        try kind.withStore { store in
            let cluster = try #require(try store.cluster(id: Fixtures.IDs.staging))
            #expect(cluster.projectID == Fixtures.IDs.demoProject)
            #expect(cluster.seed == Fixtures.IDs.europeSeed)
            let document = try JSONValue(parsing: cluster.effectiveJSON)
            #expect(document["name"] == "staging-eu")
            #expect(
                try store.clusters(projectID: Fixtures.IDs.demoProject).map(\.id) == [Fixtures.IDs.staging, Fixtures.IDs.prod, Fixtures.IDs.edge])
            #expect(try store.cluster(id: "nope") == nil)
            #expect(try store.clusters(projectID: "nope").isEmpty)
            #expect(store.directory.projects.map(\.id) == [Fixtures.IDs.demoProject, Fixtures.IDs.platformProject])
            #expect(store.directory.user(token: "demo-token")?.memberships[Fixtures.IDs.demoProject] == "owners")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func updateBumpsTheResourceVersionStoreWide(_ kind: StoreKind) throws {
        try kind.withStore { store in
            let before = try #require(try store.cluster(id: Fixtures.IDs.staging))
            let maxBefore = try store.clusters(projectID: Fixtures.IDs.demoProject).map(\.resourceVersion).max()!
            let after = try store.updateCluster(id: Fixtures.IDs.staging) { relabel($0.documents, "qa") }
            #expect(after.resourceVersion > before.resourceVersion)
            #expect(after.resourceVersion > maxBefore)
            #expect(try JSONValue(parsing: try #require(try store.cluster(id: Fixtures.IDs.staging)).effectiveJSON)["labels"]?["env"] == "qa")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func writeThatChangesNothingKeepsTheResourceVersion(_ kind: StoreKind) throws {
        try kind.withStore { store in
            let before = try #require(try store.cluster(id: Fixtures.IDs.staging))
            let after = try store.updateCluster(id: Fixtures.IDs.staging) { $0.documents }
            #expect(after.resourceVersion == before.resourceVersion)
            #expect(after.effectiveJSON == before.effectiveJSON)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func failedChangeLeavesTheClusterUnchanged(_ kind: StoreKind) throws {
        try kind.withStore { store in
            let before = try #require(try store.cluster(id: Fixtures.IDs.staging))
            #expect(throws: Boom.self) { try store.updateCluster(id: Fixtures.IDs.staging) { _ in throw Boom() } }
            #expect(try store.cluster(id: Fixtures.IDs.staging) == before)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func updateOfAMissingClusterIsNotFound(_ kind: StoreKind) throws {
        try kind.withStore { store in
            let error = try #require(throws: StoreError.self) { try store.updateCluster(id: "nope") { $0.documents } }
            #expect(error.kind == .notFound)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func insertingATakenIdIsAConflict(_ kind: StoreKind) throws {
        try kind.withStore { store in
            let existing = try Fixtures.load().clusters[0]
            let error = try #require(throws: StoreError.self) {
                try store.insertCluster(id: existing.id, projectID: existing.projectID, seed: existing.seed, documents: existing.documents)
            }
            #expect(error.kind == .conflict)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func concurrentUpdatesLoseNothing(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let writers = 8
            let perWriter = 25
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        for n in 0..<perWriter {
                            _ = try store.updateCluster(id: Fixtures.IDs.staging) { record in
                                var documents = record.documents
                                documents.intent.setValue(.string("\(n)"), at: ["labels", "w\(writer)-\(n)"])
                                documents.effective = documents.intent
                                return documents
                            }
                        }
                    }
                    group.addTask {
                        for _ in 0..<perWriter {
                            let cluster = try #require(try store.cluster(id: Fixtures.IDs.staging))
                            _ = try JSONValue(parsing: cluster.effectiveJSON)
                        }
                    }
                }
                try await group.waitForAll()
            }
            let final = try #require(try store.cluster(id: Fixtures.IDs.staging))
            let labels = try #require(try JSONValue(parsing: final.effectiveJSON)["labels"]?.objectValue)
            #expect(labels.count == 1 + writers * perWriter)
        }
    }
}

/// A temporary directory removed when the value is released.
final class TemporaryDirectory: @unchecked Sendable {
    // @unchecked Sendable: `path` is immutable.
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("kkp-store-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

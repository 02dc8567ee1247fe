import Foundation
import KKPCore
import KKPStore
import KKPTesting
import Testing

struct SQLiteStoreTests {
    /// Adds a label to the staging cluster's intent and effective documents.
    static func label(_ store: SQLiteStore, _ key: String) throws -> StoredCluster {
        try store.updateCluster(id: Fixtures.IDs.staging) { record in
            var documents = record.documents
            for keyPath in [\ClusterDocuments.intent, \ClusterDocuments.effective] {
                var labels = documents[keyPath: keyPath]["labels"]?.objectValue ?? JSONObject()
                labels[key] = "x"
                documents[keyPath: keyPath]["labels"] = .object(labels)
            }
            return documents
        }
    }

    @Test func aWriteStartsFromWhatAnotherProcessCommitted() throws {
        let temporary = try TemporaryDirectory()
        let path = temporary.path + "/db.sqlite"
        let store = try SQLiteStore(path: path, fixtures: { try Fixtures.load() })
        _ = try Self.label(store, "first")  // the store now remembers the cluster as it wrote it
        // Another process changes the cluster behind the store's back.
        let sql = """
            UPDATE clusters SET intent = json_set(intent, '$.name', 'outside'),
              effective = json_set(effective, '$.name', 'outside') WHERE id = '\(Fixtures.IDs.staging)';
            """
        try #require(try runCommand("/usr/bin/sqlite3", [path, sql]).status == 0)
        let stored = try Self.label(store, "second")
        let document = try JSONValue(parsing: stored.effectiveJSON)
        #expect(document["name"] == "outside", "the other process's change is kept")
        #expect(document["labels"]?["first"] == "x")
        #expect(document["labels"]?["second"] == "x")
    }

    @Test func readsSeeWhatAnotherProcessCommitted() throws {
        let temporary = try TemporaryDirectory()
        let path = temporary.path + "/db.sqlite"
        let store = try SQLiteStore(path: path, fixtures: { try Fixtures.load() })
        _ = try Self.label(store, "first")
        _ = try store.cluster(id: Fixtures.IDs.staging)  // cached now
        let sql = """
            UPDATE clusters SET effective = json_set(effective, '$.name', 'outside'), resource_version = 99
              WHERE id = '\(Fixtures.IDs.staging)';
            """
        try #require(try runCommand("/usr/bin/sqlite3", [path, sql]).status == 0)
        // Reads check for other processes' commits every 100 ms; allow far more on a busy machine.
        let deadline = ContinuousClock.now + .seconds(10)
        var seen = try store.cluster(id: Fixtures.IDs.staging)
        while seen?.resourceVersion != 99, ContinuousClock.now < deadline {
            try Task.checkCancellation()
            usleep(20_000)
            seen = try store.cluster(id: Fixtures.IDs.staging)
        }
        #expect(seen?.resourceVersion == 99)
        #expect(try JSONValue(parsing: try #require(seen).effectiveJSON)["name"] == "outside")
    }

    @Test func readsRacingWritesEndOnTheLastWrite() async throws {
        let temporary = try TemporaryDirectory()
        let store = try SQLiteStore(path: temporary.path + "/db.sqlite", fixtures: { try Fixtures.load() })
        let writes = 300
        let last = try await withThrowingTaskGroup(of: StoredCluster?.self) { group in
            for _ in 0..<3 {
                group.addTask {
                    for _ in 0..<writes { _ = try store.cluster(id: Fixtures.IDs.staging) }
                    return nil
                }
            }
            group.addTask {
                var stored: StoredCluster?
                for index in 0..<writes { stored = try Self.label(store, "k\(index)") }
                return stored
            }
            var last: StoredCluster?
            for try await result in group { if let result { last = result } }
            return last
        }
        #expect(try store.cluster(id: Fixtures.IDs.staging) == last)
        #expect(try store.cluster(id: Fixtures.IDs.staging)?.resourceVersion == last?.resourceVersion)
    }

    @Test func aWriteThatFailsIsNotRemembered() throws {
        let temporary = try TemporaryDirectory()
        let store = try SQLiteStore(path: temporary.path + "/db.sqlite", fixtures: { try Fixtures.load() })
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try store.updateCluster(id: Fixtures.IDs.staging) { _ in throw Refused() }
        }
        _ = try Self.label(store, "one")
        _ = try Self.label(store, "two")
        let document = try JSONValue(parsing: try #require(try store.cluster(id: Fixtures.IDs.staging)).effectiveJSON)
        #expect(document["labels"]?["one"] == "x")
        #expect(document["labels"]?["two"] == "x")
    }

    @Test func existingDatabaseIsKeptAsItIs() throws {
        let temporary = try TemporaryDirectory()
        let path = temporary.path + "/db.sqlite"
        let fixtures = try Fixtures.load()
        do {
            let store = try SQLiteStore(path: path, fixtures: { fixtures })
            _ = try store.updateCluster(id: Fixtures.IDs.staging) { record in
                var documents = record.documents
                documents.intent["name"] = "changed"
                documents.effective["name"] = "changed"
                return documents
            }
        }
        struct NotCalled: Error {}
        let reopened = try SQLiteStore(path: path, fixtures: { throw NotCalled() })
        let cluster = try #require(try reopened.cluster(id: Fixtures.IDs.staging))
        #expect(try JSONValue(parsing: cluster.effectiveJSON)["name"] == "changed")
        #expect(reopened.directory == fixtures.directory)
    }

    @Test func fixturesAreReadOnlyForANewDatabase() throws {
        let temporary = try TemporaryDirectory()
        struct Broken: Error {}
        #expect(throws: Broken.self) { try SQLiteStore(path: temporary.path + "/db.sqlite", fixtures: { throw Broken() }) }
    }

    @Test func foreignDatabaseIsRefused() throws {
        let temporary = try TemporaryDirectory()
        let path = temporary.path + "/other.sqlite"
        let result = try runCommand("/usr/bin/sqlite3", [path, "CREATE TABLE t(x);"])
        try #require(result.status == 0)
        let error = try #require(throws: StoreError.self) { try SQLiteStore(path: path, fixtures: { try Fixtures.load() }) }
        #expect(error.message.contains("not one of kkp-mock's"))
    }

    @Test func newerSchemaIsRefused() throws {
        let temporary = try TemporaryDirectory()
        let path = temporary.path + "/db.sqlite"
        _ = try SQLiteStore(path: path, fixtures: { try Fixtures.load() })
        try #require(try runCommand("/usr/bin/sqlite3", [path, "PRAGMA user_version = 99;"]).status == 0)
        let error = try #require(throws: StoreError.self) { try SQLiteStore(path: path, fixtures: { try Fixtures.load() }) }
        #expect(error.message.contains("schema version 99"))
    }

    @Test func fileThatIsNotADatabaseIsRefused() throws {
        let temporary = try TemporaryDirectory()
        let path = temporary.path + "/text.sqlite"
        try Data(String(repeating: "not a database ", count: 100).utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.self) { try SQLiteStore(path: path, fixtures: { try Fixtures.load() }) }
    }

    @Test func databaseIsInWALMode() throws {
        let temporary = try TemporaryDirectory()
        let path = temporary.path + "/db.sqlite"
        _ = try SQLiteStore(path: path, fixtures: { try Fixtures.load() })
        #expect(try runCommand("/usr/bin/sqlite3", [path, "PRAGMA journal_mode;"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "wal")
        #expect(try runCommand("/usr/bin/sqlite3", [path, "PRAGMA user_version;"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
    }

    @Test func memoryStoresAreSeparate() throws {
        let fixtures = try Fixtures.load()
        let a = try SQLiteStore(path: ":memory:", fixtures: { fixtures })
        let b = try SQLiteStore(path: ":memory:", fixtures: { fixtures })
        _ = try a.updateCluster(id: Fixtures.IDs.staging) { record in
            var documents = record.documents
            documents.intent["name"] = "only-in-a"
            documents.effective["name"] = "only-in-a"
            return documents
        }
        #expect(try JSONValue(parsing: try #require(try b.cluster(id: Fixtures.IDs.staging)).effectiveJSON)["name"] == "staging-eu")
    }
}

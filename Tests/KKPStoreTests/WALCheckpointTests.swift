import Foundation
import KKPCore
import KKPTesting
import Testing

@testable import KKPStore

/// The WAL is checkpointed on the store's own thread, not in the writes, and nothing is lost on the way.
struct WALCheckpointTests {
    @Test func walIsCheckpointedInTheBackgroundStaysBoundedAndKeepsEveryWrite() throws {
        let temporary = try TemporaryDirectory()
        let path = temporary.path + "/db.sqlite"
        let writes = 3000
        do {
            let store = try SQLiteStore(path: path, fixtures: { try Fixtures.load() })
            let checkpointer = try #require(store.checkpointer)
            for n in 0..<writes {
                _ = try store.updateCluster(id: Fixtures.IDs.staging) { record in
                    var documents = record.documents
                    var labels = documents.intent["labels"]?.objectValue ?? JSONObject()
                    labels["n"] = .string("\(n)")
                    labels["k\(n % 100)"] = .string("\(n)")
                    documents.intent["labels"] = .object(labels)
                    documents.effective["labels"] = .object(labels)
                    return documents
                }
            }
            // Every 200 commits wake the thread: it checkpoints at least once (it may merge wake-ups).
            let deadline = Date().addingTimeInterval(30)
            while checkpointer.checkpoints == 0 && Date() < deadline { usleep(1000) }
            #expect(checkpointer.checkpoints >= 1)
            // Each write appends a few pages to the WAL: 3000 writes would leave tens of MB if the WAL never
            // restarted. The writer's catch-up checkpoint lets SQLite start it over.
            let walSize = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
            #expect(walSize < 16 << 20, "WAL of \(walSize) bytes after \(writes) writes")
        }
        let check = try runCommand("/usr/bin/sqlite3", [path, "PRAGMA integrity_check"])
        #expect(check.stdout == "ok\n")
        let reopened = try SQLiteStore(path: path, fixtures: { try Fixtures.load() })
        let cluster = try #require(try reopened.cluster(id: Fixtures.IDs.staging))
        let labels = try #require(try JSONValue(parsing: cluster.effectiveJSON)["labels"]?.objectValue)
        #expect(labels["n"] == .string("\(writes - 1)"))
        #expect((0..<100).allSatisfy { labels["k\($0)"] == .string("\(writes - 100 + $0)") })
    }

    @Test func memoryDatabaseHasNoCheckpointer() throws {
        let store = try SQLiteStore(path: ":memory:", fixtures: { try Fixtures.load() })
        #expect(store.checkpointer == nil)
    }

    @Test func stopIsIdempotentAndEndsTheThread() throws {
        let temporary = try TemporaryDirectory()
        let store = try SQLiteStore(path: temporary.path + "/db.sqlite", fixtures: { try Fixtures.load() })
        let checkpointer = try #require(store.checkpointer)
        checkpointer.stop()
        checkpointer.stop()
        // Commits after stop are counted but wake nothing; writes still work.
        _ = try store.updateCluster(id: Fixtures.IDs.staging) { $0.documents }
    }
}

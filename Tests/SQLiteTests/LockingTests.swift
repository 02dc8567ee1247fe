import SQLite
import Testing

/// Two connections to one file, used from one thread: WAL, readers during a write, writers during a write.
@Suite struct LockingTests {
    @Test func walModeIsReportedAndKept() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/db.sqlite"
            let connection = try Connection(path: path)
            #expect(try connection.queryOne("PRAGMA journal_mode=WAL") { $0.text(0) } == "wal")
            connection.close()
            // WAL is persistent: a new connection finds it.
            #expect(try Connection(path: path).queryOne("PRAGMA journal_mode") { $0.text(0) } == "wal")
        }
    }

    @Test func aReaderSeesCommittedDataWhileAWriteTransactionIsOpen() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/db.sqlite"
            let writer = try Connection(path: path)
            _ = try writer.queryOne("PRAGMA journal_mode=WAL") { $0.text(0) }
            try writer.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
            let reader = try Connection(path: path)
            reader.setBusyTimeout(milliseconds: 0)  // a read that had to wait would fail at once

            try writer.execute("BEGIN IMMEDIATE; INSERT INTO t VALUES (2);")
            #expect(writer.isInTransaction)
            #expect(try reader.query("SELECT x FROM t") { $0.int(0) } == [1])
            try writer.execute("COMMIT")
            #expect(try reader.query("SELECT x FROM t ORDER BY x") { $0.int(0) } == [1, 2])
        }
    }

    @Test func beginImmediateFailsWithBusyWhileAnotherConnectionWrites() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/db.sqlite"
            let first = try Connection(path: path)
            _ = try first.queryOne("PRAGMA journal_mode=WAL") { $0.text(0) }
            try first.execute("CREATE TABLE t(x)")
            let second = try Connection(path: path)
            second.setBusyTimeout(milliseconds: 0)

            try first.transaction {
                try first.run("INSERT INTO t VALUES (1)")
                let error = #expect(throws: SQLiteError.self) {
                    try second.transaction(.immediate) { try second.run("INSERT INTO t VALUES (2)") }
                }
                #expect(error?.code.primary == .busy)
                #expect(error?.sql == "BEGIN IMMEDIATE")
                #expect(!second.isInTransaction)
            }
            // Once the first commits, the second can write.
            try second.transaction { try second.run("INSERT INTO t VALUES (2)") }
            #expect(try first.query("SELECT x FROM t ORDER BY x") { $0.int(0) } == [1, 2])
        }
    }

    @Test func aDeferredReadThenWriteCannotUpgradeAfterAnotherCommit() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/db.sqlite"
            let first = try Connection(path: path)
            _ = try first.queryOne("PRAGMA journal_mode=WAL") { $0.text(0) }
            try first.execute("CREATE TABLE t(x); INSERT INTO t VALUES (0);")
            let second = try Connection(path: path)
            second.setBusyTimeout(milliseconds: 5000)  // does not help: the snapshot is stale

            let error = #expect(throws: SQLiteError.self) {
                try second.transaction(.deferred) {
                    _ = try second.query("SELECT x FROM t") { $0.int(0) }  // starts a read snapshot
                    try first.run("INSERT INTO t VALUES (1)")  // another connection commits
                    try second.run("INSERT INTO t VALUES (2)")  // upgrade fails
                }
            }
            #expect(error?.code == .busySnapshot)
            #expect(error?.code.primary == .busy)
        }
    }
}

import SQLite
import Testing

/// `file:/<name>?vfs=memdb`: an in-memory database shared by the connections of one process (SQLite ≥ 3.36).
///
/// These tests pin down how it behaves on the installed SQLite, because it is the plan for `--db :memory:`.
@Suite struct MemdbTests {
    func uri(_ name: String) -> String { "file:/\(name)?vfs=memdb" }

    @Test func twoConnectionsToTheSameMemdbNameShareData() throws {
        let name = uri(uniqueName("kkpmock-test"))
        let first = try Connection(path: name)
        let second = try Connection(path: name)
        try first.execute("CREATE TABLE t(x); INSERT INTO t VALUES ('shared');")
        #expect(try second.query("SELECT x FROM t") { $0.text(0) } == ["shared"])
        try second.run("INSERT INTO t VALUES (?)", ["back"])
        #expect(try first.queryOne("SELECT count(*) FROM t") { $0.int(0) } == 2)
    }

    @Test func differentNamesAndNamesWithoutASlashAreSeparateDatabases() throws {
        let first = try Connection(path: uri(uniqueName("kkpmock-test")))
        let other = try Connection(path: uri(uniqueName("kkpmock-test")))
        try first.execute("CREATE TABLE t(x)")
        #expect(try other.queryOne("SELECT count(*) FROM sqlite_schema") { $0.int(0) } == 0)

        // Without the leading "/", each connection gets a private database.
        let privateName = "file:\(uniqueName("kkpmock-test"))?vfs=memdb"
        let a = try Connection(path: privateName)
        let b = try Connection(path: privateName)
        try a.execute("CREATE TABLE t(x)")
        #expect(try b.queryOne("SELECT count(*) FROM sqlite_schema") { $0.int(0) } == 0)
    }

    @Test func theDatabaseVanishesWhenItsLastConnectionCloses() throws {
        let name = uri(uniqueName("kkpmock-test"))
        let first = try Connection(path: name)
        try first.execute("CREATE TABLE t(x)")
        let second = try Connection(path: name)
        first.close()
        #expect(try second.queryOne("SELECT count(*) FROM sqlite_schema") { $0.int(0) } == 1)
        second.close()
        let third = try Connection(path: name)
        #expect(try third.queryOne("SELECT count(*) FROM sqlite_schema") { $0.int(0) } == 0)
    }

    @Test func memdbCannotUseWAL() throws {
        let connection = try Connection(path: uri(uniqueName("kkpmock-test")))
        #expect(try connection.queryOne("PRAGMA journal_mode=WAL") { $0.text(0) } == "memory")
    }

    @Test func memdbReadersWaitForAnOpenWriteTransaction() throws {
        // Unlike WAL on a file, memdb's lock is a reader/writer lock: once a connection holds the write lock
        // (from BEGIN IMMEDIATE on), new readers get SQLITE_BUSY (or wait for their busy timeout).
        let name = uri(uniqueName("kkpmock-test"))
        let writer = try Connection(path: name)
        try writer.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        let reader = try Connection(path: name)
        reader.setBusyTimeout(milliseconds: 0)

        try writer.execute("BEGIN IMMEDIATE")
        let error = #expect(throws: SQLiteError.self) { try reader.query("SELECT x FROM t") { $0.int(0) } }
        #expect(error?.code.primary == .busy)
        try writer.execute("COMMIT")
        #expect(try reader.query("SELECT x FROM t") { $0.int(0) } == [1])
    }

    @Test func memdbWritersCannotCommitWhileAReadIsInProgress() throws {
        let name = uri(uniqueName("kkpmock-test"))
        let writer = try Connection(path: name)
        try writer.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        let reader = try Connection(path: name)
        let read = try reader.prepare("SELECT x FROM t")
        #expect(try read.step())  // holds the shared lock until reset

        let error = #expect(throws: SQLiteError.self) { try writer.run("INSERT INTO t VALUES (2)") }
        #expect(error?.code.primary == .busy)
        read.reset()
        try writer.run("INSERT INTO t VALUES (2)")
    }
}

import SQLite
import Testing

@Suite struct TransactionTests {
    struct Boom: Error, Equatable {}

    func makeConnection() throws -> Connection {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t(x INTEGER)")
        return connection
    }

    @Test func aTransactionCommitsAndReturnsTheBodysValue() throws {
        let connection = try makeConnection()
        let value = try connection.transaction {
            #expect(connection.isInTransaction)
            try connection.run("INSERT INTO t VALUES (1)")
            try connection.run("INSERT INTO t VALUES (2)")
            return "done"
        }
        #expect(value == "done")
        #expect(!connection.isInTransaction)
        #expect(try connection.query("SELECT x FROM t ORDER BY x") { $0.int(0) } == [1, 2])
    }

    @Test(arguments: [TransactionKind.deferred, .immediate, .exclusive])
    func everyKindCommits(kind: TransactionKind) throws {
        let connection = try makeConnection()
        try connection.transaction(kind) { try connection.run("INSERT INTO t VALUES (1)") }
        #expect(try connection.queryOne("SELECT count(*) FROM t") { $0.int(0) } == 1)
    }

    @Test func aThrownSwiftErrorRollsBackAndIsRethrown() throws {
        let connection = try makeConnection()
        #expect(throws: Boom()) {
            try connection.transaction {
                try connection.run("INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        #expect(!connection.isInTransaction)
        #expect(try connection.queryOne("SELECT count(*) FROM t") { $0.int(0) } == 0)
    }

    @Test func aSQLiteErrorInTheBodyRollsBackEarlierWrites() throws {
        let connection = try makeConnection()
        try connection.execute("CREATE UNIQUE INDEX one ON t(x)")
        let error = #expect(throws: SQLiteError.self) {
            try connection.transaction {
                try connection.run("INSERT INTO t VALUES (1)")
                try connection.run("INSERT INTO t VALUES (1)")
            }
        }
        #expect(error?.code.primary == .constraint)
        #expect(try connection.queryOne("SELECT count(*) FROM t") { $0.int(0) } == 0)
    }

    @Test func theBodysErrorWinsWhenItAlreadyEndedTheTransaction() throws {
        let connection = try makeConnection()
        #expect(throws: Boom()) {
            try connection.transaction {
                try connection.execute("ROLLBACK")  // the body ends the transaction itself…
                throw Boom()  // …so no ROLLBACK is attempted and Boom is what surfaces
            }
        }
    }

    @Test func aTransactionInsideATransactionThrowsAClearErrorAndTheOuterOneRollsBack() throws {
        let connection = try makeConnection()
        let error = #expect(throws: SQLiteError.self) {
            try connection.transaction {
                try connection.run("INSERT INTO t VALUES (1)")
                try connection.transaction { try connection.run("INSERT INTO t VALUES (2)") }
            }
        }
        #expect(error?.code == .misuse)
        #expect(error?.message.contains("inside another") == true)
        #expect(!connection.isInTransaction)
        #expect(try connection.queryOne("SELECT count(*) FROM t") { $0.int(0) } == 0)
    }

    @Test func aFailingCommitRollsBackAndThrowsBusy() throws {
        try withTemporaryDirectory { dir in
            // Rollback-journal mode: COMMIT needs an exclusive lock, which an unfinished read on another
            // connection (a SHARED lock) prevents.
            let path = dir + "/db.sqlite"
            let writer = try Connection(path: path)
            try writer.execute("PRAGMA journal_mode=DELETE; CREATE TABLE t(x); INSERT INTO t VALUES (0);")
            let reader = try Connection(path: path)
            let read = try reader.prepare("SELECT x FROM t")
            #expect(try read.step())  // holds SHARED until reset

            let error = #expect(throws: SQLiteError.self) {
                try writer.transaction { try writer.run("INSERT INTO t VALUES (1)") }
            }
            #expect(error?.code.primary == .busy)
            #expect(error?.sql == "COMMIT")
            #expect(!writer.isInTransaction)

            read.reset()
            #expect(try writer.queryOne("SELECT count(*) FROM t") { $0.int(0) } == 1)
        }
    }
}

import Foundation
import SQLite
import Testing

@Suite struct ConnectionTests {
    @Test func openCreatesTheFileAndCloseIsIdempotent() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/new.sqlite"
            let connection = try Connection(path: path)
            try connection.execute("CREATE TABLE t(x)")
            #expect(FileManager.default.fileExists(atPath: path))
            #expect(!connection.isClosed)
            connection.close()
            connection.close()
            #expect(connection.isClosed)

            let reopened = try Connection(path: path, flags: [.readOnly])
            #expect(try reopened.queryOne("SELECT count(*) FROM sqlite_schema WHERE name = 't'") { $0.int(0) } == 1)
        }
    }

    @Test func openingAPathInAMissingDirectoryThrowsCantOpen() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/missing/db.sqlite"
            let error = #expect(throws: SQLiteError.self) { try Connection(path: path) }
            #expect(error?.code.primary == .cantOpen)
            #expect(error?.message == "unable to open database file")
            #expect(error?.sql == path)
        }
    }

    @Test func openingReadOnlyWithoutCreateDoesNotCreateTheFile() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/absent.sqlite"
            let error = #expect(throws: SQLiteError.self) { try Connection(path: path, flags: [.readOnly]) }
            #expect(error?.code.primary == .cantOpen)
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test func writingThroughAReadOnlyConnectionThrowsReadOnly() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/db.sqlite"
            try Connection(path: path).execute("CREATE TABLE t(x)")
            let reader = try Connection(path: path, flags: [.readOnly])
            let error = #expect(throws: SQLiteError.self) { try reader.run("INSERT INTO t VALUES (1)") }
            #expect(error?.code.primary == .readOnly)
        }
    }

    @Test func executeRunsSeveralStatements() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute(
            """
            CREATE TABLE t(x INTEGER);
            INSERT INTO t VALUES (1);
            INSERT INTO t VALUES (2); -- a comment
            INSERT INTO t VALUES (3);
            """)
        #expect(try connection.query("SELECT x FROM t ORDER BY x") { $0.int(0) } == [1, 2, 3])
    }

    @Test func executeStopsAtTheFirstFailingStatementAndReportsIt() throws {
        let connection = try Connection(path: ":memory:")
        let script = "CREATE TABLE t(x); INSERT INTO nope VALUES (1); INSERT INTO t VALUES (1);"
        let error = #expect(throws: SQLiteError.self) { try connection.execute(script) }
        #expect(error?.code == .error)
        #expect(error?.message == "no such table: nope")
        #expect(error?.sql == script)
        #expect(try connection.queryOne("SELECT count(*) FROM t") { $0.int(0) } == 0)
    }

    @Test func syntaxErrorThrowsWithTheSQL() throws {
        let connection = try Connection(path: ":memory:")
        let sql = "SELEKT 1"
        let error = #expect(throws: SQLiteError.self) { try connection.prepare(sql) }
        #expect(error?.code == .error)
        #expect(error?.message.contains("syntax error") == true)
        #expect(error?.sql == sql)
        #expect(error?.description.contains(sql) == true)
    }

    @Test func prepareRefusesASecondStatementButAcceptsTrailingSemicolonsAndComments() throws {
        let connection = try Connection(path: ":memory:")
        _ = try connection.prepare("SELECT 1;  ;  -- done\n /* really */")
        let error = #expect(throws: SQLiteError.self) { try connection.prepare("SELECT 1; SELECT 2") }
        #expect(error?.code == .misuse)
        let empty = #expect(throws: SQLiteError.self) { try connection.prepare("  -- nothing ") }
        #expect(empty?.code == .misuse)
    }

    @Test func aClosedConnectionThrowsMisuse() throws {
        let connection = try Connection(path: ":memory:")
        connection.close()
        let error = #expect(throws: SQLiteError.self) { try connection.execute("SELECT 1") }
        #expect(error?.code == .misuse)
        #expect(throws: SQLiteError.self) { try connection.run("SELECT 1") }
        #expect(!connection.isInTransaction)
    }

    @Test func closeFinalizesCachedStatementsAndTheyThenThrowMisuse() throws {
        let connection = try Connection(path: ":memory:")
        let statement = try connection.cachedStatement("SELECT 1")
        connection.close()
        let error = #expect(throws: SQLiteError.self) { try statement.step() }
        #expect(error?.code == .misuse)
    }

    @Test func aPreparedStatementOutlivingCloseIsStillFreedSafely() throws {
        let connection = try Connection(path: ":memory:")
        var statement: Statement? = try connection.prepare("SELECT 1")
        connection.close()  // sqlite3_close_v2 defers the close until the statement is finalized
        statement = nil
        #expect(statement == nil)
    }

    @Test func changesAndLastInsertRowIDReportTheLastWrite() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, x)")
        try connection.run("INSERT INTO t(x) VALUES (?)", ["a"])
        try connection.run("INSERT INTO t(x) VALUES (?)", ["b"])
        #expect(connection.lastInsertRowID == 2)
        try connection.run("UPDATE t SET x = 'c'")
        #expect(connection.changes == 2)
    }

    @Test func userVersionRoundTrips() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/db.sqlite"
            let connection = try Connection(path: path)
            #expect(try connection.userVersion == 0)
            try connection.setUserVersion(42)
            #expect(try connection.userVersion == 42)
            connection.close()
            #expect(try Connection(path: path).userVersion == 42)
        }
    }

    @Test func dataVersionChangesWithOtherConnectionsCommitsOnly() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/db.sqlite"
            let mine = try Connection(path: path)
            let other = try Connection(path: path)
            try mine.execute("CREATE TABLE t(x)")
            let start = try mine.dataVersion
            try mine.run("INSERT INTO t(x) VALUES (1)")
            #expect(try mine.dataVersion == start, "its own commit")
            try other.run("INSERT INTO t(x) VALUES (2)")
            let afterOther = try mine.dataVersion
            #expect(afterOther != start, "another connection's commit")
            #expect(try mine.dataVersion == afterOther, "nothing since")
        }
    }

    @Test func queryOneReturnsNilForNoRows() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t(x)")
        #expect(try connection.queryOne("SELECT x FROM t") { $0.int(0) } == nil)
    }

    @Test func queryRethrowsTheRowClosuresOwnError() throws {
        struct Stop: Error, Equatable {}
        let connection = try Connection(path: ":memory:")
        #expect(throws: Stop()) {
            _ = try connection.query("SELECT 1 UNION ALL SELECT 2") { _ -> Int in throw Stop() }
        }
        // The statement was reset and can run again.
        #expect(try connection.query("SELECT 1 UNION ALL SELECT 2") { $0.int(0) } == [1, 2])
    }
}

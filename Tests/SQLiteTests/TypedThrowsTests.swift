import SQLite
import Testing

/// Code that throws only `SQLiteError` can call `query`, `queryOne` and `transaction` without a `do`/`catch`.
@Suite struct TypedThrowsTests {
    /// Compiles only if the non-throwing-closure overloads throw `SQLiteError` alone.
    static func names(_ connection: Connection) throws(SQLiteError) -> [String] {
        try connection.transaction { () throws(SQLiteError) in
            try connection.run("INSERT INTO t VALUES (?)", ["b"])
        }
        let count: Int? = try connection.queryOne("SELECT count(*) FROM t") { $0.int(0) }
        let names = try connection.query("SELECT x FROM t ORDER BY x") { row in
            let name = row.text(0)
            return name.uppercased()
        }
        return names + [String(count ?? -1)]
    }

    @Test func nonThrowingRowClosuresThrowOnlySQLiteError() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t(x TEXT); INSERT INTO t VALUES ('a');")
        #expect(try Self.names(connection) == ["A", "B", "2"])
    }

    @Test func theTypedTransactionRollsBackOnSQLiteError() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t(x TEXT UNIQUE)")
        func insertTwice() throws(SQLiteError) {
            try connection.transaction { () throws(SQLiteError) in
                try connection.run("INSERT INTO t VALUES ('a')")
                try connection.run("INSERT INTO t VALUES ('a')")
            }
        }
        let error = #expect(throws: SQLiteError.self) { try insertTwice() }
        #expect(error?.code == .constraintUnique)
        #expect(try connection.queryOne("SELECT count(*) FROM t") { $0.int(0) } == 0)
    }
}

import SQLite
import Testing

@Suite struct StatementTests {
    static let roundTripValues: [SQLiteValue] = [
        .null,
        .integer(0),
        .integer(-1),
        .integer(.min),
        .integer(.max),
        .real(1.5),
        .real(-2.25e300),
        .text(""),
        .text("plain"),
        .text("héllo wörld 🚀 日本語 ẞ"),
        .text("nul\u{0}inside"),
        .blob([]),
        .blob([0]),
        .blob([0, 1, 0, 255, 0]),
    ]

    @Test(arguments: roundTripValues)
    func everyValueRoundTripsThroughATable(value: SQLiteValue) throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t(v)")  // no declared type: values are stored as given
        try connection.run("INSERT INTO t(v) VALUES (?)", [value])
        let read = try connection.queryOne("SELECT v, typeof(v) FROM t") { row in (row.value(0), row.text(1)) }
        #expect(read?.0 == value)
        let expectedType =
            switch value {
            case .null: "null"
            case .integer: "integer"
            case .real: "real"
            case .text, .utf8Text: "text"
            case .blob: "blob"
            }
        #expect(read?.1 == expectedType)
    }

    @Test(arguments: ["", "plain", "héllo wörld 🚀 日本語 ẞ", "nul\u{0}inside", String(repeating: "{\"k\":1}", count: 5000)])
    func textGivenAsBytesIsStoredAsText(text: String) throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t(v TEXT) STRICT")
        try connection.run("INSERT INTO t(v) VALUES (?)", [.utf8Text(Array(text.utf8))])
        let read = try connection.queryOne("SELECT v, typeof(v), length(CAST(v AS BLOB)) FROM t") { row in
            (row.value(0), row.text(1), row.int(2))
        }
        #expect(read?.0 == .text(text))
        #expect(read?.1 == "text")
        #expect(read?.2 == text.utf8.count)
    }

    @Test func typedGettersReadEachColumn() throws {
        let connection = try Connection(path: ":memory:")
        let statement = try connection.prepare("SELECT ?, ?, ?, ?, ?, ? AS last")
        try statement.bind([.integer(.max), .integer(.min), 0.5, "ünï", .blob([0, 0, 7]), nil])
        #expect(try statement.step())
        let row = statement.row
        #expect(row.columnCount == 6)
        #expect(row.int64(0) == .max)
        #expect(row.int(1) == Int(Int64.min))
        #expect(row.double(2) == 0.5)
        #expect(row.text(3) == "ünï")
        #expect(row.bytes(4) == [0, 0, 7])
        #expect(row.isNull(5))
        #expect(!row.isNull(0))
        #expect(row.text(5) == "")
        #expect(row.int64(5) == 0)
        #expect(row.bytes(5) == [])
        #expect(row.columnName(5) == "last")
        #expect(statement.columnName(5) == "last")
        #expect(try !statement.step())
    }

    @Test func emptyStringAndEmptyBlobAreNotNull() throws {
        let connection = try Connection(path: ":memory:")
        let result = try connection.queryOne("SELECT ? IS NULL, ? IS NULL, length(?)", ["", .blob([]), ""]) { row in
            [row.int(0), row.int(1), row.int(2)]
        }
        #expect(result == [0, 0, 0])
    }

    @Test func textKeepsEmbeddedNULsAndMultibyteLength() throws {
        let connection = try Connection(path: ":memory:")
        let text = "a\u{0}b🚀"
        let result = try connection.queryOne("SELECT ?1, length(CAST(?1 AS BLOB))", [.text(text)]) { row in
            (row.text(0), row.int(1))
        }
        #expect(result?.0 == text)
        #expect(result?.1 == text.utf8.count)
    }

    @Test func numberedAndNamedParametersBindByPosition() throws {
        let connection = try Connection(path: ":memory:")
        let statement = try connection.prepare("SELECT ?2 || ?1, :name")
        #expect(statement.parameterCount == 3)
        try statement.bind(["a", "b", "c"])
        #expect(try statement.step())
        #expect(statement.row.text(0) == "ba")
        #expect(statement.row.text(1) == "c")
        statement.reset()
        try statement.bind(.text("z"), at: 3)
        #expect(try statement.step())
        #expect(statement.row.text(1) == "z")
    }

    @Test func cachedStatementsAreReusedAndComeBackResetWithBindingsCleared() throws {
        let connection = try Connection(path: ":memory:")
        let sql = "SELECT ? UNION ALL SELECT 2"
        let first = try connection.cachedStatement(sql)
        try first.bind([1])
        #expect(try first.step())  // left mid-iteration on purpose
        #expect(first.isBusy)

        let second = try connection.cachedStatement(sql)
        #expect(first === second)
        #expect(!second.isBusy)
        #expect(try second.step())
        #expect(second.row.isNull(0))  // the binding of 1 was cleared
    }

    @Test func runAndQueryReuseTheCachedStatement() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t(x)")
        let sql = "INSERT INTO t VALUES (?)"
        let cached = try connection.cachedStatement(sql)
        for value in 1...3 { try connection.run(sql, [.integer(Int64(value))]) }
        #expect(try connection.cachedStatement(sql) === cached)
        #expect(try connection.query("SELECT x FROM t ORDER BY x") { $0.int(0) } == [1, 2, 3])
    }

    @Test func aNestedQueryOfTheSameSQLDoesNotDisturbTheOuterOne() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1), (2), (3);")
        let sql = "SELECT x FROM t WHERE x >= ? ORDER BY x"
        let pairs = try connection.query(sql, [1]) { outer in
            let x = outer.int(0)
            let inner = try connection.query(sql, [.integer(Int64(x))]) { $0.int(0) }
            return (x, inner.count)
        }
        #expect(pairs.map(\.0) == [1, 2, 3])
        #expect(pairs.map(\.1) == [3, 2, 1])
    }

    @Test func constraintViolationsCarryTheExtendedAndPrimaryCode() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t(id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE)")
        try connection.run("INSERT INTO t VALUES (?, ?)", ["1", "a"])

        let unique = #expect(throws: SQLiteError.self) {
            try connection.run("INSERT INTO t VALUES (?, ?)", ["2", "a"])
        }
        #expect(unique?.code == .constraintUnique)
        #expect(unique?.code.primary == .constraint)
        #expect(unique?.message == "UNIQUE constraint failed: t.name")
        #expect(unique?.sql == "INSERT INTO t VALUES (?, ?)")

        let primaryKey = #expect(throws: SQLiteError.self) {
            try connection.run("INSERT INTO t VALUES (?, ?)", ["1", "b"])
        }
        #expect(primaryKey?.code == .constraintPrimaryKey)

        let notNull = #expect(throws: SQLiteError.self) {
            try connection.run("INSERT INTO t VALUES (?, ?)", ["3", nil])
        }
        #expect(notNull?.code == .constraintNotNull)
    }

    @Test func stepAfterDoneStartsOver() throws {
        let connection = try Connection(path: ":memory:")
        let statement = try connection.prepare("SELECT 7")
        #expect(try statement.step())
        #expect(try !statement.step())
        #expect(try statement.step())
        #expect(statement.row.int(0) == 7)
    }

    @Test func bindingTheWrongNumberOfValuesTraps() async {
        await #expect(processExitsWith: .failure) {
            let connection = try Connection(path: ":memory:")
            try connection.run("SELECT ?", [1, 2])
        }
    }

    @Test func readingARowAfterItsStatementSteppedTraps() async {
        await #expect(processExitsWith: .failure) {
            let connection = try Connection(path: ":memory:")
            let statement = try connection.prepare("SELECT 1 UNION ALL SELECT 2")
            _ = try statement.step()
            let row = statement.row
            _ = try statement.step()
            _ = row.int(0)
        }
    }
}

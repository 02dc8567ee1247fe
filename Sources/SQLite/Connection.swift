internal import CSQLite

/// A connection to a SQLite database: open, run SQL, cache statements, close.
///
/// A connection is **not** thread-safe and not `Sendable`: use it from one thread at a time (it is opened with
/// ``OpenFlags/noMutex`` by default, SQLite's multi-thread mode). Share it behind a lock or a pool whose invariant
/// guarantees that. Extended result codes are enabled, so errors may carry extended codes; compare with
/// ``ResultCode/primary``.
///
/// ```swift
/// let db = try Connection(path: "/tmp/app.sqlite")
/// try db.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
/// try db.run("INSERT INTO t(name) VALUES (?)", ["a"])
/// let names = try db.query("SELECT name FROM t ORDER BY id") { $0.text(0) }
/// ```
public final class Connection {
    /// The C handle; `nil` after ``close()``.
    private var handle: OpaquePointer?
    /// Statements prepared once with `SQLITE_PREPARE_PERSISTENT`, by SQL text.
    private var statementCache: [String: Statement] = [:]

    /// Opens (and by default creates) a database.
    ///
    /// The path may be a file path, `":memory:"` for a private in-memory database, `""` for a private temporary one,
    /// or with ``OpenFlags/uri`` a `file:` URI such as `file:/name?vfs=memdb` (an in-memory database shared by all
    /// connections of this process that open the same name). The handle is closed again if opening fails.
    /// - Parameters:
    ///   - path: the file path, `":memory:"` or a `file:` URI.
    ///   - flags: how to open. The default is `[.readWrite, .create, .noMutex, .uri]`.
    /// - Throws: ``SQLiteError`` such as ``ResultCode/cantOpen`` (a missing directory, no permission) with the path
    ///   as its `sql`.
    ///
    /// The corresponding C function is `sqlite3_open_v2`.
    public init(path: String, flags: OpenFlags = [.readWrite, .create, .noMutex, .uri]) throws(SQLiteError) {
        var handle: OpaquePointer?
        let code = sqlite3_open_v2(path, &handle, flags.rawValue, nil)
        guard code == SQLITE_OK, let handle else {
            let error = Self.error(code: code, connection: handle, sql: path)
            sqlite3_close_v2(handle)  // A failed open may still allocate a handle; passing nil is harmless.
            throw error
        }
        sqlite3_extended_result_codes(handle, 1)
        self.handle = handle
    }

    deinit {
        close()
    }

    /// Finalizes the cached statements and closes the connection; calling it again does nothing.
    ///
    /// Statements from ``prepare(_:)`` that are still alive keep the C connection open until they are released
    /// (`sqlite3_close_v2` defers the close); using one after `close()` is a programmer error. Any open transaction
    /// is rolled back. Later calls on the connection throw ``ResultCode/misuse``.
    ///
    /// The corresponding C function is `sqlite3_close_v2`.
    public func close() {
        guard let handle else { return }
        for statement in statementCache.values {
            statement.finalize()
        }
        statementCache.removeAll()
        sqlite3_close_v2(handle)
        self.handle = nil
    }

    /// Whether ``close()`` has been called.
    public var isClosed: Bool { handle == nil }

    // MARK: The error funnel

    /// Builds the error for a result code: the code, the connection's message (or SQLite's text for the code), the SQL.
    ///
    /// Every failing SQLite return code in this module ends up here.
    static func error(code: Int32, connection: OpaquePointer?, sql: String?) -> SQLiteError {
        // sqlite3_errmsg describes the most recent failure on the connection, which is this one when the caller
        // checks right after the call. Without a connection, or if the connection's state was cleared, use
        // the generic text for the code.
        var message: String?
        if let connection, sqlite3_errcode(connection) != SQLITE_OK, let text = sqlite3_errmsg(connection) {
            message = String(cString: text)
        }
        if message == nil, let text = sqlite3_errstr(code) {
            message = String(cString: text)
        }
        return SQLiteError(code: ResultCode(rawValue: code), message: message ?? "unknown error", sql: sql)
    }

    /// Throws the ``SQLiteError`` for a result code that is not `SQLITE_OK`.
    private func check(_ code: Int32, sql: String?) throws(SQLiteError) {
        if code != SQLITE_OK {
            throw Self.error(code: code, connection: handle, sql: sql)
        }
    }

    /// The open handle, or a misuse error after ``close()``.
    private func liveHandle(sql: String?) throws(SQLiteError) -> OpaquePointer {
        guard let handle else {
            throw SQLiteError(code: .misuse, message: "the connection is closed", sql: sql)
        }
        return handle
    }

    // MARK: Running SQL

    /// Runs one or more SQL statements separated by semicolons, discarding any rows.
    ///
    /// Use it for schema scripts and pragmas without parameters. Statements before a failing one stay applied
    /// unless you wrap the call in ``transaction(_:_:)``.
    /// - Parameter sql: the SQL script.
    /// - Throws: ``SQLiteError`` for the first statement that fails, with the whole script as its `sql`.
    ///
    /// The corresponding C function is `sqlite3_exec`.
    public func execute(_ sql: String) throws(SQLiteError) {
        let handle = try liveHandle(sql: sql)
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        defer { sqlite3_free(errorMessage) }
        guard code == SQLITE_OK else {
            var error = Self.error(code: code, connection: handle, sql: sql)
            if let errorMessage { error.message = String(cString: errorMessage) }
            throw error
        }
    }

    /// Compiles one SQL statement into a new ``Statement`` owned by the caller.
    ///
    /// Trailing whitespace, semicolons and comments are allowed; a second statement is refused.
    /// - Parameter sql: exactly one SQL statement, with `?` parameters for values.
    /// - Throws: ``SQLiteError`` with `sql` set: ``ResultCode/error`` for a syntax error or an unknown table,
    ///   ``ResultCode/misuse`` for empty SQL or more than one statement.
    ///
    /// The corresponding C function is `sqlite3_prepare_v3`.
    public func prepare(_ sql: String) throws(SQLiteError) -> Statement {
        try prepare(sql, flags: 0)
    }

    /// Compiles one statement with `sqlite3_prepare_v3` flags.
    private func prepare(_ sql: String, flags: UInt32) throws(SQLiteError) -> Statement {
        let handle = try liveHandle(sql: sql)
        var statement: OpaquePointer?
        var code: Int32 = SQLITE_OK
        var hasSecondStatement = false
        sql.withCString { text in
            var tail: UnsafePointer<CChar>?
            code = sqlite3_prepare_v3(handle, text, -1, flags, &statement, &tail)
            guard code == SQLITE_OK, let tail, tail.pointee != 0 else { return }
            // Something follows: compile it too, to tell comments and semicolons (no statement) from real SQL.
            var extra: OpaquePointer?
            if sqlite3_prepare_v3(handle, tail, -1, 0, &extra, nil) != SQLITE_OK || extra != nil {
                hasSecondStatement = true
            }
            sqlite3_finalize(extra)
        }
        try check(code, sql: sql)
        guard let statement else {
            throw SQLiteError(code: .misuse, message: "no SQL statement to prepare", sql: sql)
        }
        guard !hasSecondStatement else {
            sqlite3_finalize(statement)
            throw SQLiteError(
                code: .misuse, message: "prepare accepts one statement; use execute(_:) for several", sql: sql)
        }
        return Statement(handle: statement, sql: sql)
    }

    /// Returns this connection's cached statement for the SQL, preparing it the first time.
    ///
    /// The statement is prepared once with `SQLITE_PREPARE_PERSISTENT` and kept until ``close()``; each call returns
    /// the same object, reset and with its bindings cleared. Use it for fixed SQL texts only: the cache is keyed by
    /// the text and never evicts, so SQL with interpolated values would grow it without bound. If the cached
    /// statement is in use by a ``query(_:_:_:)`` running on this connection (a nested use of the same SQL),
    /// a fresh uncached statement is returned instead, so the outer query is not disturbed.
    /// - Parameter sql: exactly one SQL statement.
    /// - Throws: ``SQLiteError`` as ``prepare(_:)`` does.
    ///
    /// The corresponding C function is `sqlite3_prepare_v3`.
    public func cachedStatement(_ sql: String) throws(SQLiteError) -> Statement {
        if let statement = statementCache[sql] {
            if statement.isLeased { return try prepare(sql) }
            statement.reset()
            statement.clearBindings()
            return statement
        }
        let statement = try prepare(sql, flags: UInt32(SQLITE_PREPARE_PERSISTENT))
        statementCache[sql] = statement
        return statement
    }

    /// Borrows the cached statement (a fresh one if it is busy) for `run`/`query`; give it back with ``release(_:)``.
    private func lease(_ sql: String) throws(SQLiteError) -> Statement {
        let statement = try cachedStatement(sql)
        statement.isLeased = true
        return statement
    }

    /// Returns a leased statement: reset (ending its read, if any), bindings cleared, free for the next user.
    private func release(_ statement: Statement) {
        statement.reset()
        statement.clearBindings()
        statement.isLeased = false
    }

    /// Runs one statement with bindings to completion, discarding any rows.
    ///
    /// The statement comes from the cache (``cachedStatement(_:)``).
    /// - Parameters:
    ///   - sql: one SQL statement with `?` parameters.
    ///   - bindings: one value per parameter; a count mismatch traps.
    /// - Throws: ``SQLiteError`` with the SQL, such as ``ResultCode/constraint``.
    ///
    /// The corresponding C functions are `sqlite3_bind_*` and `sqlite3_step`.
    public func run(_ sql: String, _ bindings: [SQLiteValue] = []) throws(SQLiteError) {
        let statement = try lease(sql)
        defer { release(statement) }
        if !bindings.isEmpty || statement.parameterCount > 0 { try statement.bind(bindings) }
        while try statement.step() {}
    }

    /// Runs a query and maps every row with a closure that may throw.
    ///
    /// The statement comes from the cache and is reset afterwards, also when the closure throws. The ``Row`` is
    /// valid only inside the closure. A closure that cannot throw selects the overload that throws only
    /// ``SQLiteError`` (usable from `throws(SQLiteError)` code).
    /// - Parameters:
    ///   - sql: one SQL statement with `?` parameters.
    ///   - bindings: one value per parameter; a count mismatch traps.
    ///   - row: turns a row into a value.
    /// - Returns: the mapped rows, in order.
    /// - Throws: the closure's error as is, otherwise ``SQLiteError``.
    ///
    /// The corresponding C functions are `sqlite3_bind_*`, `sqlite3_step` and `sqlite3_column_*`.
    public func query<T>(_ sql: String, _ bindings: [SQLiteValue] = [], _ row: (Row) throws -> T) throws -> [T] {
        try collect(sql, bindings, limit: .max, row, wrap: { $0 })
    }

    /// Runs a query and maps every row with a closure that cannot throw.
    ///
    /// The statement comes from the cache and is reset afterwards. The ``Row`` is valid only inside the closure.
    /// - Parameters:
    ///   - sql: one SQL statement with `?` parameters.
    ///   - bindings: one value per parameter; a count mismatch traps.
    ///   - row: turns a row into a value.
    /// - Returns: the mapped rows, in order.
    /// - Throws: ``SQLiteError``.
    ///
    /// The corresponding C functions are `sqlite3_bind_*`, `sqlite3_step` and `sqlite3_column_*`.
    public func query<T>(_ sql: String, _ bindings: [SQLiteValue] = [], _ row: (Row) -> T) throws(SQLiteError) -> [T] {
        try collect(
            sql, bindings, limit: .max, { (current: Row) throws(SQLiteError) -> T in row(current) }, wrap: { $0 })
    }

    /// Runs a query and maps its first row, if any, with a closure that may throw; later rows are not read.
    ///
    /// - Parameters:
    ///   - sql: one SQL statement with `?` parameters.
    ///   - bindings: one value per parameter; a count mismatch traps.
    ///   - row: turns the row into a value.
    /// - Returns: the mapped first row, or `nil` when there is none.
    /// - Throws: the closure's error as is, otherwise ``SQLiteError``.
    ///
    /// The corresponding C functions are `sqlite3_bind_*`, `sqlite3_step` and `sqlite3_column_*`.
    public func queryOne<T>(_ sql: String, _ bindings: [SQLiteValue] = [], _ row: (Row) throws -> T) throws -> T? {
        try collect(sql, bindings, limit: 1, row, wrap: { $0 }).first
    }

    /// Runs a query and maps its first row, if any, with a closure that cannot throw; later rows are not read.
    ///
    /// - Parameters:
    ///   - sql: one SQL statement with `?` parameters.
    ///   - bindings: one value per parameter; a count mismatch traps.
    ///   - row: turns the row into a value.
    /// - Returns: the mapped first row, or `nil` when there is none.
    /// - Throws: ``SQLiteError``.
    ///
    /// The corresponding C functions are `sqlite3_bind_*`, `sqlite3_step` and `sqlite3_column_*`.
    public func queryOne<T>(_ sql: String, _ bindings: [SQLiteValue] = [], _ row: (Row) -> T) throws(SQLiteError) -> T? {
        try collect(sql, bindings, limit: 1, { (current: Row) throws(SQLiteError) -> T in row(current) }, wrap: { $0 })
            .first
    }

    /// The one implementation behind `query` and `queryOne`: lease, bind, step up to `limit` rows, map, release.
    private func collect<T, E: Error>(
        _ sql: String, _ bindings: [SQLiteValue], limit: Int, _ row: (Row) throws(E) -> T,
        wrap: (SQLiteError) -> E
    ) throws(E) -> [T] {
        let statement: Statement
        do { statement = try lease(sql) } catch { throw wrap(error) }
        defer { release(statement) }
        var results: [T] = []
        do {
            if !bindings.isEmpty || statement.parameterCount > 0 { try statement.bind(bindings) }
        } catch {
            throw wrap(error)
        }
        while results.count < limit {
            let hasRow: Bool
            do { hasRow = try statement.step() } catch { throw wrap(error) }
            guard hasRow else { break }
            results.append(try row(statement.row))
        }
        return results
    }

    // MARK: Transactions

    /// Runs a closure inside a transaction: commits when it returns, rolls back when it throws.
    ///
    /// If the closure throws, the transaction is rolled back and *that* error is rethrown, even if the rollback fails
    /// too. If `COMMIT` fails (say ``ResultCode/busy``), the transaction is rolled back and the commit error thrown.
    /// Transactions do not nest: calling this inside another transaction throws ``ResultCode/misuse`` and leaves the
    /// outer transaction alone.
    /// - Parameters:
    ///   - kind: how to take locks. The default is ``TransactionKind/immediate`` (take the write lock at once).
    ///   - body: the work; runs on the calling thread.
    /// - Returns: what the closure returns.
    /// - Throws: the closure's error, or ``SQLiteError`` from `BEGIN` (``ResultCode/busy`` when the write lock is
    ///   held elsewhere past the busy timeout) or `COMMIT`.
    ///
    /// The corresponding C function is `sqlite3_step` on `BEGIN`, `COMMIT` and `ROLLBACK`.
    public func transaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        try inTransaction(kind, body, wrap: { $0 })
    }

    /// Runs a closure that throws only ``SQLiteError`` inside a transaction, like the untyped overload.
    ///
    /// Swift picks this overload only when the closure states its error type: `{ () throws(SQLiteError) in … }`.
    /// - Parameters:
    ///   - kind: how to take locks. The default is ``TransactionKind/immediate``.
    ///   - body: the work; runs on the calling thread.
    /// - Returns: what the closure returns.
    /// - Throws: ``SQLiteError`` from the closure, `BEGIN` or `COMMIT`.
    ///
    /// The corresponding C function is `sqlite3_step` on `BEGIN`, `COMMIT` and `ROLLBACK`.
    public func transaction<T>(
        _ kind: TransactionKind = .immediate, _ body: () throws(SQLiteError) -> T
    ) throws(SQLiteError) -> T {
        try inTransaction(kind, body, wrap: { $0 })
    }

    /// The one implementation behind both `transaction` overloads.
    private func inTransaction<T, E: Error>(
        _ kind: TransactionKind, _ body: () throws(E) -> T, wrap: (SQLiteError) -> E
    ) throws(E) -> T {
        let begin = "BEGIN \(kind.rawValue)"
        guard !isInTransaction else {
            throw wrap(
                SQLiteError(
                    code: .misuse,
                    message: "cannot begin a transaction inside another one on the same connection (they do not nest)",
                    sql: begin))
        }
        do { try run(begin) } catch { throw wrap(error) }
        let result: T
        do {
            result = try body()
        } catch {
            rollbackIgnoringErrors()
            throw error
        }
        do {
            try run("COMMIT")
        } catch {
            rollbackIgnoringErrors()
            throw wrap(error)
        }
        return result
    }

    /// Rolls back the open transaction unless SQLite already did; a failure here must not hide the first error.
    private func rollbackIgnoringErrors() {
        // Some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM, SQLITE_BUSY during commit…) may end the transaction
        // automatically; ROLLBACK would then fail with "no transaction is active".
        guard isInTransaction else { return }
        try? run("ROLLBACK")
    }

    /// Whether a transaction is open on this connection (SQLite is not in autocommit mode).
    ///
    /// The corresponding C function is `sqlite3_get_autocommit`.
    public var isInTransaction: Bool {
        guard let handle else { return false }
        return sqlite3_get_autocommit(handle) == 0
    }

    // MARK: Connection state

    /// The number of rows changed by the most recent `INSERT`, `UPDATE` or `DELETE` on this connection.
    ///
    /// Reading it after ``close()`` is a programmer error and traps.
    ///
    /// The corresponding C function is `sqlite3_changes64`.
    public var changes: Int {
        Int(sqlite3_changes64(openHandle))
    }

    /// The rowid of the most recent successful `INSERT` on this connection (0 if none).
    ///
    /// Reading it after ``close()`` is a programmer error and traps.
    ///
    /// The corresponding C function is `sqlite3_last_insert_rowid`.
    public var lastInsertRowID: Int64 {
        sqlite3_last_insert_rowid(openHandle)
    }

    /// The handle for non-throwing accessors, trapping after ``close()``.
    private var openHandle: OpaquePointer {
        guard let handle else { preconditionFailure("SQLite: connection used after close()") }
        return handle
    }

    /// Sets how long to wait for a lock held by another connection before failing with ``ResultCode/busy``.
    ///
    /// 0 (the default of a new connection) fails at once. SQLite sleeps and retries while it waits. Does nothing
    /// after ``close()``.
    /// - Parameter milliseconds: the longest wait.
    ///
    /// The corresponding C function is `sqlite3_busy_timeout`.
    public func setBusyTimeout(milliseconds: Int32) {
        guard let handle else { return }
        sqlite3_busy_timeout(handle, milliseconds)
    }

    /// The database's `user_version`, an integer the application owns (commonly the schema version; 0 when new).
    ///
    /// - Throws: ``SQLiteError`` if the pragma fails or the connection is closed.
    ///
    /// The corresponding pragma is `PRAGMA user_version`.
    public var userVersion: Int {
        get throws(SQLiteError) { try integerPragma("PRAGMA user_version") }
    }

    /// A number that changes when another connection, in this process or another, commits a change to the database;
    /// this connection's own commits leave it as it is. A cache of what this connection wrote stays valid while it
    /// stays the same.
    ///
    /// - Throws: ``SQLiteError`` if the pragma fails or the connection is closed.
    ///
    /// The corresponding pragma is `PRAGMA data_version`.
    public var dataVersion: Int {
        get throws(SQLiteError) { try integerPragma("PRAGMA data_version") }
    }

    /// The integer a pragma returns (0 when it returns no row), with its statement cached.
    private func integerPragma(_ sql: String) throws(SQLiteError) -> Int {
        let statement = try lease(sql)
        defer { release(statement) }
        guard try statement.step() else { return 0 }
        return statement.row.int(0)
    }

    /// Sets the database's `user_version`.
    ///
    /// - Parameter version: the new value (stored as a 32-bit signed integer).
    /// - Throws: ``SQLiteError`` if the pragma fails or the connection is closed.
    ///
    /// The corresponding pragma is `PRAGMA user_version = N`.
    public func setUserVersion(_ version: Int) throws(SQLiteError) {
        try execute("PRAGMA user_version = \(version)")
    }
}

// Explicit non-conformance: a connection (opened with SQLITE_OPEN_NOMUTEX) and its statement cache must be used by
// one thread at a time. Keep it behind a lock or a pool that guarantees that.
@available(*, unavailable)
extension Connection: Sendable {}

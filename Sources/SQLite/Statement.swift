internal import CSQLite

/// A prepared SQL statement: bind values, step through rows, reset, reuse.
///
/// A statement belongs to the ``Connection`` that prepared it and, like it, must be used by one thread at a time.
/// Its `deinit` finalizes it. Get one from ``Connection/prepare(_:)`` (yours alone) or
/// ``Connection/cachedStatement(_:)`` (kept by the connection for reuse).
public final class Statement {
    /// The SQL text the statement was prepared from.
    public let sql: String

    /// The C handle; `nil` once finalized (its connection was closed).
    private var handle: OpaquePointer?
    /// Whether `step()` last returned `true`, so that ``row`` reads a real row.
    private var hasRow = false
    /// Bumped whenever the current row goes away (step, reset), so a stale ``Row`` is caught.
    private(set) var generation: UInt64 = 0
    /// Whether the connection's `query`/`run` machinery is using this (cached) statement right now.
    var isLeased = false

    /// Takes ownership of a prepared handle.
    init(handle: OpaquePointer, sql: String) {
        self.handle = handle
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Finalizes the statement now; later calls to ``step()`` or ``bind(_:)`` throw ``ResultCode/misuse``.
    ///
    /// The corresponding C function is `sqlite3_finalize`.
    func finalize() {
        sqlite3_finalize(handle)
        handle = nil
        hasRow = false
        generation &+= 1
    }

    /// The live handle, or a misuse error if the statement was finalized.
    private func liveHandle() throws(SQLiteError) -> OpaquePointer {
        guard let handle else {
            throw SQLiteError(
                code: .misuse, message: "statement used after its connection was closed", sql: sql)
        }
        return handle
    }

    /// Turns a result code into a ``SQLiteError`` carrying this statement's connection message and SQL.
    private func check(_ code: Int32, _ handle: OpaquePointer) throws(SQLiteError) {
        if code == SQLITE_OK { return }
        throw Connection.error(code: code, connection: sqlite3_db_handle(handle), sql: sql)
    }

    // MARK: Parameters

    /// The number of SQL parameters (`?`, `?NNN`, `:name`…); the largest index for numbered ones.
    ///
    /// The corresponding C function is `sqlite3_bind_parameter_count`.
    public var parameterCount: Int {
        Int(sqlite3_bind_parameter_count(handle))
    }

    /// Binds values to parameters 1…n in order.
    ///
    /// Passing a different number of values than ``parameterCount`` is a programmer error and traps (a precondition),
    /// as do out-of-range indexes in SQLite itself. Text is copied (`SQLITE_TRANSIENT`), so the values need not
    /// outlive the call. Bindings stay until ``clearBindings()`` or a rebind; ``reset()`` keeps them.
    /// - Parameter values: one value per parameter, parameter 1 first.
    /// - Throws: ``SQLiteError`` if SQLite refuses a value (``ResultCode/tooBig``, ``ResultCode/noMemory``), or
    ///   ``ResultCode/misuse`` if the statement was finalized or is mid-step (call ``reset()`` first).
    ///
    /// The corresponding C functions are `sqlite3_bind_int64`, `sqlite3_bind_double`, `sqlite3_bind_text64`,
    /// `sqlite3_bind_blob64`, `sqlite3_bind_zeroblob` and `sqlite3_bind_null`.
    public func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
        let handle = try liveHandle()
        let count = Int(sqlite3_bind_parameter_count(handle))
        precondition(
            values.count == count,
            "SQLite: \(values.count) value(s) bound to a statement with \(count) parameter(s): \(sql)")
        for (offset, value) in values.enumerated() {
            try bind(value, at: offset + 1, handle)
        }
    }

    /// Binds one value to the parameter at a 1-based index.
    ///
    /// An index outside `1...parameterCount` is a programmer error and traps (a precondition).
    /// - Parameters:
    ///   - value: the value to bind; text and blobs are copied.
    ///   - index: the 1-based parameter index.
    /// - Throws: ``SQLiteError`` if SQLite refuses the value, or ``ResultCode/misuse`` if the statement was
    ///   finalized or is mid-step.
    ///
    /// The corresponding C functions are `sqlite3_bind_*`.
    public func bind(_ value: SQLiteValue, at index: Int) throws(SQLiteError) {
        let handle = try liveHandle()
        let count = Int(sqlite3_bind_parameter_count(handle))
        precondition(index >= 1 && index <= count, "SQLite: bind index \(index) is outside 1...\(count): \(sql)")
        try bind(value, at: index, handle)
    }

    /// Binds UTF-8 bytes as text (copied by SQLite); returns SQLite's result code.
    private static func bindText(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int32, _ handle: OpaquePointer) -> Int32 {
        // A nil base address would bind NULL, so empty text gets a real (empty) buffer.
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            return sqlite3_bind_text(handle, position, "", 0, csqlite_transient())
        }
        return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
            sqlite3_bind_text64(handle, position, chars, sqlite3_uint64(bytes.count), csqlite_transient(), UInt8(SQLITE_UTF8))
        }
    }

    /// Binds one value to a parameter index known to be in range.
    private func bind(_ value: SQLiteValue, at index: Int, _ handle: OpaquePointer) throws(SQLiteError) {
        let position = Int32(index)
        let code: Int32
        switch value {
        case .null:
            code = sqlite3_bind_null(handle, position)
        case .integer(let integer):
            code = sqlite3_bind_int64(handle, position, integer)
        case .real(let real):
            code = sqlite3_bind_double(handle, position, real)
        case .text(var text):
            code = text.withUTF8 { Self.bindText($0, at: position, handle) }
        case .utf8Text(let bytes):
            code = bytes.withUnsafeBufferPointer { Self.bindText($0, at: position, handle) }
        case .blob(let bytes):
            code = bytes.withUnsafeBytes { raw in
                // A nil pointer would bind NULL, so an empty blob is bound as a zero-length blob.
                guard let base = raw.baseAddress, !raw.isEmpty else {
                    return sqlite3_bind_zeroblob(handle, position, 0)
                }
                return sqlite3_bind_blob64(handle, position, base, sqlite3_uint64(raw.count), csqlite_transient())
            }
        }
        if code == SQLITE_RANGE {
            preconditionFailure("SQLite: bind index \(index) is out of range: \(sql)")
        }
        try check(code, handle)
    }

    /// Sets every parameter back to `NULL`.
    ///
    /// The corresponding C function is `sqlite3_clear_bindings`.
    public func clearBindings() {
        guard let handle else { return }
        sqlite3_clear_bindings(handle)
    }

    // MARK: Execution

    /// Runs the statement to its next row.
    ///
    /// After `true`, ``row`` reads the row until the next `step()` or ``reset()``. After `false` the statement is
    /// done; stepping again starts it over (SQLite resets it automatically). Reset statements you stop early: an
    /// unfinished read keeps its read transaction (and snapshot) open.
    /// - Returns: `true` if a row is available, `false` when the statement has finished.
    /// - Throws: ``SQLiteError`` with the statement's SQL, such as ``ResultCode/constraint`` or ``ResultCode/busy``.
    ///
    /// The corresponding C function is `sqlite3_step`.
    public func step() throws(SQLiteError) -> Bool {
        let handle = try liveHandle()
        generation &+= 1
        hasRow = false
        switch sqlite3_step(handle) {
        case SQLITE_ROW:
            hasRow = true
            return true
        case SQLITE_DONE:
            return false
        case let code:
            throw Connection.error(code: code, connection: sqlite3_db_handle(handle), sql: sql)
        }
    }

    /// Rewinds the statement so it can run again; bindings are kept.
    ///
    /// The error of a failed ``step()``, which `sqlite3_reset` reports again, was already thrown there and is ignored.
    ///
    /// The corresponding C function is `sqlite3_reset`.
    public func reset() {
        generation &+= 1
        hasRow = false
        guard let handle else { return }
        sqlite3_reset(handle)
    }

    /// Whether the statement has stepped but is not yet done or reset (it may hold a read transaction open).
    ///
    /// The corresponding C function is `sqlite3_stmt_busy`.
    public var isBusy: Bool {
        sqlite3_stmt_busy(handle) != 0
    }

    /// Whether the statement makes no direct change to the database file.
    ///
    /// The corresponding C function is `sqlite3_stmt_readonly`.
    public var isReadOnly: Bool {
        sqlite3_stmt_readonly(handle) != 0
    }

    // MARK: Columns

    /// The number of columns in the statement's result (0 for statements that return no data).
    ///
    /// The corresponding C function is `sqlite3_column_count`.
    public var columnCount: Int {
        Int(sqlite3_column_count(handle))
    }

    /// The name of a result column (its `AS` name if given), by 0-based index.
    ///
    /// An index outside `0..<columnCount` is a programmer error and traps.
    ///
    /// The corresponding C function is `sqlite3_column_name`.
    public func columnName(_ index: Int) -> String {
        precondition((0..<columnCount).contains(index), "SQLite: column \(index) is out of range: \(sql)")
        return sqlite3_column_name(handle, Int32(index)).map { String(cString: $0) } ?? ""
    }

    /// A view of the current row, valid until the next ``step()`` or ``reset()``.
    ///
    /// Reading it when ``step()`` did not just return `true` is a programmer error and traps.
    public var row: Row {
        precondition(hasRow, "SQLite: no current row (step() did not return true): \(sql)")
        return Row(statement: self, handle: handle!, generation: generation)
    }
}

// Explicit non-conformance: a statement must be used by one thread at a time, like its connection.
@available(*, unavailable)
extension Statement: Sendable {}

internal import CSQLite

/// A view of a statement's current row: columns by 0-based index.
///
/// A row is valid until its statement steps or resets; using it afterwards is a programmer error and traps, so copy
/// what you need out of it (as `query`'s closure does). A `NULL` column reads as `0`, `0.0`, `""` or `[]` from the
/// typed getters; use ``isNull(_:)`` or ``value(_:)`` to tell. Other types convert as SQLite converts them
/// (text `"12"` reads as integer 12).
public struct Row {
    /// The statement, kept alive while the row is.
    private let statement: Statement
    /// The statement's C handle.
    private let handle: OpaquePointer
    /// The statement's generation when the row was taken.
    private let generation: UInt64

    init(statement: Statement, handle: OpaquePointer, generation: UInt64) {
        self.statement = statement
        self.handle = handle
        self.generation = generation
    }

    /// The column index as C wants it, after checking that the row is current and the index in range.
    private func column(_ index: Int) -> Int32 {
        precondition(statement.generation == generation, "SQLite: row used after its statement stepped or reset")
        precondition(
            index >= 0 && index < Int(sqlite3_column_count(handle)),
            "SQLite: column \(index) is out of range: \(statement.sql)")
        return Int32(index)
    }

    /// The number of columns in the row.
    ///
    /// The corresponding C function is `sqlite3_column_count`.
    public var columnCount: Int {
        Int(sqlite3_column_count(handle))
    }

    /// Whether the column is `NULL`.
    ///
    /// The corresponding C function is `sqlite3_column_type`.
    public func isNull(_ index: Int) -> Bool {
        sqlite3_column_type(handle, column(index)) == SQLITE_NULL
    }

    /// The column as a 64-bit integer (`NULL` reads as 0).
    ///
    /// The corresponding C function is `sqlite3_column_int64`.
    public func int64(_ index: Int) -> Int64 {
        sqlite3_column_int64(handle, column(index))
    }

    /// The column as an `Int` (`NULL` reads as 0).
    ///
    /// The corresponding C function is `sqlite3_column_int64`.
    public func int(_ index: Int) -> Int {
        Int(truncatingIfNeeded: sqlite3_column_int64(handle, column(index)))
    }

    /// The column as a double (`NULL` reads as 0.0).
    ///
    /// The corresponding C function is `sqlite3_column_double`.
    public func double(_ index: Int) -> Double {
        sqlite3_column_double(handle, column(index))
    }

    /// The column as UTF-8 text, decoded straight from SQLite's buffer (`NULL` reads as `""`).
    ///
    /// Embedded NULs are kept; invalid UTF-8 is repaired with U+FFFD.
    ///
    /// The corresponding C functions are `sqlite3_column_text` and `sqlite3_column_bytes`.
    public func text(_ index: Int) -> String {
        let column = column(index)
        // Text first, then bytes: this order gives the length of the UTF-8 form just produced.
        guard let bytes = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// The column as bytes (`NULL` and the empty blob both read as `[]`).
    ///
    /// The corresponding C functions are `sqlite3_column_blob` and `sqlite3_column_bytes`.
    public func bytes(_ index: Int) -> [UInt8] {
        let column = column(index)
        guard let blob = sqlite3_column_blob(handle, column) else { return [] }
        let count = Int(sqlite3_column_bytes(handle, column))
        return Array(UnsafeRawBufferPointer(start: blob, count: count))
    }

    /// The column as a ``SQLiteValue`` in its stored type.
    ///
    /// The corresponding C function is `sqlite3_column_type`, then the matching `sqlite3_column_*` getter.
    public func value(_ index: Int) -> SQLiteValue {
        switch sqlite3_column_type(handle, column(index)) {
        case SQLITE_INTEGER: .integer(int64(index))
        case SQLITE_FLOAT: .real(double(index))
        case SQLITE_TEXT: .text(text(index))
        case SQLITE_BLOB: .blob(bytes(index))
        default: .null
        }
    }

    /// The name of a column (its `AS` name if given).
    ///
    /// The corresponding C function is `sqlite3_column_name`.
    public func columnName(_ index: Int) -> String {
        sqlite3_column_name(handle, column(index)).map { String(cString: $0) } ?? ""
    }
}

// Explicit non-conformance: a row reads its statement's C state, which belongs to one thread at a time.
@available(*, unavailable)
extension Row: Sendable {}

/// An error reported by SQLite: its result code, its message and the SQL that failed.
///
/// Every SQLite return code goes through one internal funnel (`Connection.check`), which builds this error with the
/// connection's `sqlite3_errmsg` (or `sqlite3_errstr` when there is no connection).
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// The result code, possibly extended (compare with `code.primary` or a `case` pattern).
    public var code: ResultCode
    /// SQLite's message, such as `UNIQUE constraint failed: users.name`.
    public var message: String
    /// The SQL being prepared or run when the error happened, if any.
    public var sql: String?

    /// An error with a code, a message and optionally the SQL that caused it.
    public init(code: ResultCode, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// `SQLite error 19: UNIQUE constraint failed: t.x` followed by ` in <SQL>` when the SQL is known.
    public var description: String {
        var text = "SQLite error \(code.rawValue): \(message)"
        if let sql { text += " in `\(sql)`" }
        return text
    }
}

internal import CSQLite

/// A SQLite result code, primary or extended.
///
/// Connections enable extended result codes, so an error may carry, say, ``constraintUnique`` (2067) rather than
/// ``constraint`` (19). Compare with ``primary`` (`error.code.primary == .constraint`) or match with a pattern
/// (`case .constraint:`), which also accepts extended codes of that primary code.
public struct ResultCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The C result code, such as `19` for `SQLITE_CONSTRAINT`.
    public let rawValue: Int32

    /// A result code from its C value.
    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// The primary code of an extended code (its low 8 bits); a primary code is its own primary code.
    public var primary: ResultCode { ResultCode(rawValue: rawValue & 0xFF) }

    /// Whether this is an extended code rather than a primary one.
    public var isExtended: Bool { rawValue & ~0xFF != 0 }

    /// SQLite's English text for the code followed by its number, such as `constraint failed (2067)`.
    ///
    /// The corresponding C function is `sqlite3_errstr`.
    public var description: String {
        let text = sqlite3_errstr(rawValue).map { String(cString: $0) } ?? "unknown error"
        return "\(text) (\(rawValue))"
    }

    /// Matches a code against a pattern: a primary pattern matches its extended codes too.
    ///
    /// `switch error.code { case .busy: … }` therefore also catches `SQLITE_BUSY_SNAPSHOT`.
    public static func ~= (pattern: ResultCode, code: ResultCode) -> Bool {
        pattern.isExtended ? pattern == code : pattern == code.primary
    }

    // MARK: Primary codes

    /// Successful result. The corresponding C constant is `SQLITE_OK`.
    public static let ok = ResultCode(rawValue: 0)
    /// Generic error. The corresponding C constant is `SQLITE_ERROR`.
    public static let error = ResultCode(rawValue: 1)
    /// Internal logic error in SQLite. The corresponding C constant is `SQLITE_INTERNAL`.
    public static let `internal` = ResultCode(rawValue: 2)
    /// Access permission denied. The corresponding C constant is `SQLITE_PERM`.
    public static let permission = ResultCode(rawValue: 3)
    /// Callback routine requested an abort. The corresponding C constant is `SQLITE_ABORT`.
    public static let abort = ResultCode(rawValue: 4)
    /// The database file is locked by another connection. The corresponding C constant is `SQLITE_BUSY`.
    public static let busy = ResultCode(rawValue: 5)
    /// A table is locked by this connection or, with a shared cache, another one.
    /// The corresponding C constant is `SQLITE_LOCKED`.
    public static let locked = ResultCode(rawValue: 6)
    /// A memory allocation failed. The corresponding C constant is `SQLITE_NOMEM`.
    public static let noMemory = ResultCode(rawValue: 7)
    /// Attempt to write a read-only database. The corresponding C constant is `SQLITE_READONLY`.
    public static let readOnly = ResultCode(rawValue: 8)
    /// Operation terminated by `sqlite3_interrupt`. The corresponding C constant is `SQLITE_INTERRUPT`.
    public static let interrupt = ResultCode(rawValue: 9)
    /// Some kind of disk I/O error occurred. The corresponding C constant is `SQLITE_IOERR`.
    public static let ioError = ResultCode(rawValue: 10)
    /// The database disk image is malformed. The corresponding C constant is `SQLITE_CORRUPT`.
    public static let corrupt = ResultCode(rawValue: 11)
    /// Unknown opcode in `sqlite3_file_control`. The corresponding C constant is `SQLITE_NOTFOUND`.
    public static let notFound = ResultCode(rawValue: 12)
    /// Insertion failed because the database is full. The corresponding C constant is `SQLITE_FULL`.
    public static let full = ResultCode(rawValue: 13)
    /// Unable to open the database file. The corresponding C constant is `SQLITE_CANTOPEN`.
    public static let cantOpen = ResultCode(rawValue: 14)
    /// Database lock protocol error. The corresponding C constant is `SQLITE_PROTOCOL`.
    public static let `protocol` = ResultCode(rawValue: 15)
    /// The database schema changed. The corresponding C constant is `SQLITE_SCHEMA`.
    public static let schema = ResultCode(rawValue: 17)
    /// String or blob exceeds the size limit. The corresponding C constant is `SQLITE_TOOBIG`.
    public static let tooBig = ResultCode(rawValue: 18)
    /// Abort due to a constraint violation. The corresponding C constant is `SQLITE_CONSTRAINT`.
    public static let constraint = ResultCode(rawValue: 19)
    /// Data type mismatch. The corresponding C constant is `SQLITE_MISMATCH`.
    public static let mismatch = ResultCode(rawValue: 20)
    /// Library used incorrectly. The corresponding C constant is `SQLITE_MISUSE`.
    public static let misuse = ResultCode(rawValue: 21)
    /// Authorization denied. The corresponding C constant is `SQLITE_AUTH`.
    public static let authorization = ResultCode(rawValue: 23)
    /// Bind parameter index out of range. The corresponding C constant is `SQLITE_RANGE`.
    public static let range = ResultCode(rawValue: 25)
    /// The file opened is not a database file. The corresponding C constant is `SQLITE_NOTADB`.
    public static let notADatabase = ResultCode(rawValue: 26)
    /// `sqlite3_step` has another row ready. The corresponding C constant is `SQLITE_ROW`.
    public static let row = ResultCode(rawValue: 100)
    /// `sqlite3_step` has finished executing. The corresponding C constant is `SQLITE_DONE`.
    public static let done = ResultCode(rawValue: 101)

    // MARK: Extended codes

    /// Busy because another connection is recovering a WAL file.
    /// The corresponding C constant is `SQLITE_BUSY_RECOVERY`.
    public static let busyRecovery = ResultCode(rawValue: 5 | (1 << 8))
    /// A read transaction cannot be upgraded to write: its snapshot is stale (another connection committed).
    /// The corresponding C constant is `SQLITE_BUSY_SNAPSHOT`.
    public static let busySnapshot = ResultCode(rawValue: 5 | (2 << 8))
    /// A `CHECK` constraint failed. The corresponding C constant is `SQLITE_CONSTRAINT_CHECK`.
    public static let constraintCheck = ResultCode(rawValue: 19 | (1 << 8))
    /// A foreign key constraint failed. The corresponding C constant is `SQLITE_CONSTRAINT_FOREIGNKEY`.
    public static let constraintForeignKey = ResultCode(rawValue: 19 | (3 << 8))
    /// A `NOT NULL` constraint failed. The corresponding C constant is `SQLITE_CONSTRAINT_NOTNULL`.
    public static let constraintNotNull = ResultCode(rawValue: 19 | (5 << 8))
    /// A `PRIMARY KEY` constraint failed. The corresponding C constant is `SQLITE_CONSTRAINT_PRIMARYKEY`.
    public static let constraintPrimaryKey = ResultCode(rawValue: 19 | (6 << 8))
    /// A `UNIQUE` constraint failed. The corresponding C constant is `SQLITE_CONSTRAINT_UNIQUE`.
    public static let constraintUnique = ResultCode(rawValue: 19 | (8 << 8))
}

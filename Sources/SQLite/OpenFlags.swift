internal import CSQLite

/// Flags for opening a connection.
///
/// The default for ``Connection/init(path:flags:)`` is `[.readWrite, .create, .noMutex, .uri]`.
public struct OpenFlags: OptionSet, Sendable {
    /// The C flag bits.
    public let rawValue: Int32

    /// Flags from their C bits.
    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// Open for reading only. The corresponding C flag is `SQLITE_OPEN_READONLY`.
    public static let readOnly = OpenFlags(rawValue: SQLITE_OPEN_READONLY)
    /// Open for reading and writing. The corresponding C flag is `SQLITE_OPEN_READWRITE`.
    public static let readWrite = OpenFlags(rawValue: SQLITE_OPEN_READWRITE)
    /// Create the database file if it does not exist (with ``readWrite``).
    /// The corresponding C flag is `SQLITE_OPEN_CREATE`.
    public static let create = OpenFlags(rawValue: SQLITE_OPEN_CREATE)
    /// Interpret the path as a `file:` URI when it is one. The corresponding C flag is `SQLITE_OPEN_URI`.
    public static let uri = OpenFlags(rawValue: SQLITE_OPEN_URI)
    /// Open a purely in-memory database named by the path. The corresponding C flag is `SQLITE_OPEN_MEMORY`.
    public static let memory = OpenFlags(rawValue: SQLITE_OPEN_MEMORY)
    /// Multi-thread mode: no connection mutex, so one thread at a time per connection.
    /// The corresponding C flag is `SQLITE_OPEN_NOMUTEX`.
    public static let noMutex = OpenFlags(rawValue: SQLITE_OPEN_NOMUTEX)
    /// Serialized mode: SQLite locks the connection on every call. The corresponding C flag is `SQLITE_OPEN_FULLMUTEX`.
    public static let fullMutex = OpenFlags(rawValue: SQLITE_OPEN_FULLMUTEX)
    /// Use the shared cache. The corresponding C flag is `SQLITE_OPEN_SHAREDCACHE`.
    public static let sharedCache = OpenFlags(rawValue: SQLITE_OPEN_SHAREDCACHE)
    /// Use a private cache. The corresponding C flag is `SQLITE_OPEN_PRIVATECACHE`.
    public static let privateCache = OpenFlags(rawValue: SQLITE_OPEN_PRIVATECACHE)
    /// Refuse to open a path that is a symbolic link. The corresponding C flag is `SQLITE_OPEN_NOFOLLOW`.
    public static let noFollow = OpenFlags(rawValue: SQLITE_OPEN_NOFOLLOW)
}

/// How a transaction takes its locks; the raw value is the keyword after `BEGIN`.
public enum TransactionKind: String, Sendable {
    /// Take no lock until the first read or write. A later read → write upgrade may fail with ``ResultCode/busy``
    /// at once, whatever the busy timeout.
    case deferred = "DEFERRED"
    /// Take the write lock at `BEGIN`; waits up to the busy timeout. Use this for read-modify-write.
    case immediate = "IMMEDIATE"
    /// Like ``immediate``; in rollback-journal mode it also keeps readers out. In WAL mode it equals ``immediate``.
    case exclusive = "EXCLUSIVE"
}

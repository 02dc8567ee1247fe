public import KKPCore
import SQLite
import Synchronization
#if canImport(Glibc)
    import Glibc
#endif

/// The product's store: SQLite in WAL mode, one serialized writer, a pool of readers.
///
/// - Writes take an in-process lock, then run in one `BEGIN IMMEDIATE` transaction on the writer connection, so a
///   read-modify-write never loses an update and never waits in SQLite's busy handler. A write is committed before
///   the call returns: an acknowledged write survives a crash of the process.
/// - A write of a cluster starts from its parsed record: the one the writer last wrote, kept in ``RecentRecords``
///   while no other connection has committed (`PRAGMA data_version`), or else read and parsed from the table.
/// - A read of one cluster is served from ``ClusterReadCache`` when it holds the cluster. Each write checks the data
///   version, and reads check it at most every ``otherWritersCheckInterval``: a commit by another process (the
///   `sqlite3` shell) empties both caches, so reads see it within that interval.
/// - Reads check a connection out of a pool; under WAL they see the last committed state and never wait on a writer.
///   `:memory:` is the exception: SQLite's `memdb` has no WAL and its readers would sleep in the busy handler while a
///   write runs, so there reads use the writer connection under the write lock (short waits, no sleeps).
/// - The reference data is loaded at open into ``directory``, an immutable snapshot that ``reset(to:)`` replaces.
///
/// A new database (no tables, `user_version` 0) is created and seeded from fixtures; an existing one is used as it
/// is. `":memory:"` opens a private in-memory database (SQLite's `memdb` VFS) shared by this store's connections.
public final class SQLiteStore: PlatformStore, @unchecked Sendable {
    // @unchecked Sendable: `writer` and `recent` are used only inside `writeLock.withLock`, and reader connections only by the one
    // thread that has checked them out of `readers`; the directory snapshot is behind its own mutex; everything else
    // is immutable after init.

    /// The schema version this build creates and reads.
    public static let schemaVersion = 1

    public var directory: Directory { snapshot.withLock { $0 } }
    /// The SQLite path or URI actually opened.
    public let location: String
    private let writeLock = Mutex<Void>(())
    private let snapshot: Mutex<Directory>
    private nonisolated(unsafe) let writer: Connection
    /// The records of the clusters the writer wrote last.
    private nonisolated(unsafe) var recent = RecentRecords()
    /// The clusters reads serve without SQLite.
    private let readCache = Mutex(ClusterReadCache())
    /// When a read last checked for other processes' commits (``ContinuousClock`` nanoseconds since `opened`).
    private let checkedOtherWriters = Atomic<Int64>(0)
    private let opened = ContinuousClock.now
    /// How often reads check for other processes' commits.
    static let otherWritersCheckInterval = Duration.milliseconds(100)
    private let readers: ReaderPool?
    /// Checkpoints the WAL off the write path (file databases only; see ``WALCheckpointer``).
    let checkpointer: WALCheckpointer?

    private static let memoryCounter = Atomic<Int>(0)

    /// Opens (and if needed creates and seeds) the database at `path`.
    /// - Parameters:
    ///   - path: a file path, or `":memory:"` for a private in-memory database.
    ///   - fixtures: called only when the database is new, to get the data to seed it with.
    /// - Throws: `StoreError.unavailable` when the file cannot be opened or is not a kkp-mock database, or what
    ///   `fixtures` throws.
    public init(path: String, fixtures: () throws -> FixtureSet) throws {
        let location: String
        if path == ":memory:" {
            let n = Self.memoryCounter.wrappingAdd(1, ordering: .relaxed).newValue
            location = "file:/kkp-mock-\(getpid())-\(n)?vfs=memdb"
        } else {
            location = path
        }
        let writer = try Self.mapped(path) { () throws(SQLiteError) in try Self.open(location, writer: true) }
        let version = try Self.mapped(path) { () throws(SQLiteError) in try writer.userVersion }
        if version == 0 {
            let existing = try Self.mapped(path) { () throws(SQLiteError) in
                try writer.queryOne("SELECT count(*) FROM sqlite_master", []) { $0.int(0) } ?? 0
            }
            guard existing == 0 else {
                throw StoreError(.unavailable, "\(path) is a SQLite database, but not one of kkp-mock's")
            }
            let seed = try fixtures()
            try Self.mapped(path) { () throws(SQLiteError) in try Schema.create(on: writer, seededWith: seed) }
        } else if version != Self.schemaVersion {
            throw StoreError(
                .unavailable,
                "\(path) has schema version \(version); this kkp-mock reads version \(Self.schemaVersion)"
            )
        }
        let directory = try Self.mapped(path) { () throws(SQLiteError) in try Schema.loadDirectory(from: writer) }
        snapshot = Mutex(directory)
        self.location = location
        self.writer = writer
        readers =
            path == ":memory:"
            ? nil
            : ReaderPool { () throws(StoreError) in
                try Self.mapped(path) { () throws(SQLiteError) in try Self.open(location, writer: false) }
            }
        if path == ":memory:" {
            checkpointer = nil
        } else {
            try Self.mapped(path) { () throws(SQLiteError) in try writer.execute("PRAGMA wal_autocheckpoint = 0") }
            checkpointer = WALCheckpointer(
                connection: try Self.mapped(path) { () throws(SQLiteError) in try Self.open(location, writer: false) }
            )
        }
    }

    deinit {
        checkpointer?.stop()
        writer.close()
    }

    public func cluster(id: String) throws(StoreError) -> StoredCluster? {
        noticeOtherWriters()
        let (cached, generation) = readCache.withLock { ($0.cluster(id: id), $0.generation) }
        if let cached { return cached }
        let stored = try storedCluster(id: id)
        if let stored { readCache.withLock { $0.fill(stored, readAt: generation) } }
        return stored
    }

    /// The cluster as the table holds it.
    private func storedCluster(id: String) throws(StoreError) -> StoredCluster? {
        try read { connection throws(SQLiteError) in
            try connection.queryOne(
                "SELECT id, project_id, seed, resource_version, effective FROM clusters WHERE id = ?", [.text(id)],
                Self.storedCluster
            )
        }
    }

    public func clusters(projectID: String) throws(StoreError) -> [StoredCluster] {
        try read { connection throws(SQLiteError) in
            try connection.query(
                "SELECT id, project_id, seed, resource_version, effective FROM clusters WHERE project_id = ? ORDER BY rowid",
                [.text(projectID)], Self.storedCluster
            )
        }
    }

    public func updateCluster(id: String, _ change: (ClusterRecord) throws -> ClusterDocuments) throws -> StoredCluster {
        try write(published: { stored in self.readCache.withLock { $0.store(stored) } }) { connection in
            guard let record = try record(id: id, on: connection) else { throw StoreError(.notFound, "cluster \"\(id)\" not found") }
            let documents = try change(record)
            let effectiveJSON = JSONValue.object(documents.effective).serialized()
            guard documents != record.documents else {
                return StoredCluster(
                    id: id, projectID: record.projectID, seed: record.seed, resourceVersion: record.resourceVersion,
                    effectiveJSON: effectiveJSON
                )
            }
            let resourceVersion = try Self.nextResourceVersion(connection)
            try connection.run(
                "UPDATE clusters SET resource_version = ?, intent = ?, effective = ? WHERE id = ?",
                [
                    .integer(Int64(resourceVersion)), .utf8Text(JSONValue.object(documents.intent).serialized()),
                    .utf8Text(effectiveJSON), .text(id),
                ]
            )
            recent.remember(
                ClusterRecord(id: id, projectID: record.projectID, seed: record.seed, resourceVersion: resourceVersion, documents: documents)
            )
            return StoredCluster(
                id: id, projectID: record.projectID, seed: record.seed, resourceVersion: resourceVersion,
                effectiveJSON: effectiveJSON
            )
        }
    }

    @discardableResult
    public func insertCluster(id: String, projectID: String, seed: String, documents: ClusterDocuments) throws(StoreError) -> StoredCluster {
        do {
            return try write(published: { stored in self.readCache.withLock { $0.store(stored) } }) { connection in
                if try connection.queryOne("SELECT 1 FROM clusters WHERE id = ?", [.text(id)], { $0.int(0) }) != nil {
                    throw StoreError(.conflict, "cluster \"\(id)\" already exists")
                }
                let sameName = try connection.queryOne(
                    "SELECT 1 FROM clusters WHERE project_id = ? AND json_extract(intent, '$.name') = ?",
                    [.text(projectID), .text(documents.name)], { $0.int(0) }
                )
                if sameName != nil { throw StoreError(.conflict, "cluster \"\(documents.name)\" already exists") }
                let resourceVersion = try Self.nextResourceVersion(connection)
                let effectiveJSON = try Schema.insert(
                    cluster: id, projectID: projectID, seed: seed, resourceVersion: resourceVersion, documents: documents,
                    on: connection
                )
                return StoredCluster(
                    id: id, projectID: projectID, seed: seed, resourceVersion: resourceVersion, effectiveJSON: effectiveJSON
                )
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.unavailable, "\(error)")
        }
    }

    public func deleteCluster(id: String, projectID: String) throws(StoreError) {
        do {
            try write(published: { _ in self.readCache.withLock { $0.remove(id: id) } }) { connection in
                try connection.run("DELETE FROM clusters WHERE id = ? AND project_id = ?", [.text(id), .text(projectID)])
                guard connection.changes == 1 else { throw StoreError(.notFound, "cluster \"\(id)\" not found") }
                recent.forget(id)
                _ = try Self.nextResourceVersion(connection)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.unavailable, "\(error)")
        }
    }

    public func reset(to fixtures: FixtureSet) throws(StoreError) {
        do {
            try writeLock.withLock { _ throws in
                recent = RecentRecords()
                let directory = try writer.transaction(.immediate) { () throws -> Directory in
                    try Schema.replaceContents(with: fixtures, on: writer)
                    return try Schema.loadDirectory(from: writer)
                }
                // Swapped after the commit and before the write lock is released: no write sees the new clusters
                // with the old reference data.
                snapshot.withLock { $0 = directory }
                readCache.withLock { $0.clear() }
            }
        } catch let error as SQLiteError {
            throw StoreError(.unavailable, error.description)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.unavailable, "\(error)")
        }
    }

    /// Runs a read on a pooled reader, or on the writer under the write lock for `:memory:`.
    private func read<T: Sendable>(_ body: (Connection) throws(SQLiteError) -> T) throws(StoreError) -> T {
        if let readers { return try readers.withReader(body) }
        let result: Result<T, SQLiteError> = writeLock.withLock { _ in
            do throws(SQLiteError) { return .success(try body(writer)) } catch { return .failure(error) }
        }
        do { return try result.get() } catch { throw StoreError(.unavailable, error.description) }
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction on the writer, holding the in-process write lock, then
    /// `published` with its result once committed (still holding the lock, so caches change in commit order).
    /// SQLite errors become `StoreError.unavailable`; other errors pass through unchanged. When anything fails, the
    /// recent records are dropped: `body` may have remembered what was then rolled back.
    private func write<T: Sendable>(published: (T) -> Void = { _ in }, _ body: (Connection) throws -> T) throws -> T {
        try writeLock.withLock { _ throws -> T in
            do {
                let result = try writer.transaction(.immediate) { try body(writer) }
                published(result)
                if checkpointer?.noteCommit() == true {
                    try? writer.execute("PRAGMA wal_checkpoint(PASSIVE)")  // the rest of a background checkpoint
                }
                return result
            } catch let error as SQLiteError {
                recent = RecentRecords()
                throw StoreError(.unavailable, error.description)
            } catch {
                recent = RecentRecords()
                throw error
            }
        }
    }

    /// The record of a cluster, inside a write: the remembered one while no other connection has committed since it
    /// was written, or else the row, parsed.
    private func record(id: String, on connection: Connection) throws -> ClusterRecord? {
        dropCachesIfOthersCommitted(dataVersion: try connection.dataVersion)
        if let record = recent.records[id] { return record }
        return try connection.queryOne(
            "SELECT id, project_id, seed, resource_version, intent, effective FROM clusters WHERE id = ?", [.text(id)],
            Self.clusterRecord
        )
    }

    /// Empties the caches when the writer's data version says another connection has committed. Call it holding the
    /// write lock.
    private func dropCachesIfOthersCommitted(dataVersion: Int) {
        guard dataVersion != recent.dataVersion else { return }
        recent = RecentRecords(dataVersion: dataVersion)
        readCache.withLock { $0.clear() }
    }

    /// At most every ``otherWritersCheckInterval``, a read checks whether another process committed. It skips the check
    /// when a write holds the lock: that write checks by itself.
    private func noticeOtherWriters() {
        let now = Self.nanoseconds(ContinuousClock.now - opened)
        let last = checkedOtherWriters.load(ordering: .relaxed)
        guard now - last >= Self.nanoseconds(Self.otherWritersCheckInterval),
            checkedOtherWriters.compareExchange(expected: last, desired: now, ordering: .relaxed).exchanged
        else { return }
        writeLock.withLockIfAvailable { _ in
            if let dataVersion = try? writer.dataVersion { dropCachesIfOthersCommitted(dataVersion: dataVersion) }
        }
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// Bumps the store-wide counter. Two statements on purpose: one `UPDATE … RETURNING value` cost 45% more CPU time
    /// per PATCH (measured with scripts/bench/run's PATCH at 32 connections).
    private static func nextResourceVersion(_ connection: Connection) throws -> Int {
        try connection.run("UPDATE meta SET value = value + 1 WHERE key = 'resource_version'")
        return try connection.queryOne("SELECT value FROM meta WHERE key = 'resource_version'", []) { $0.int(0) } ?? 0
    }

    private static func storedCluster(_ row: Row) -> StoredCluster {
        StoredCluster(
            id: row.text(0), projectID: row.text(1), seed: row.text(2), resourceVersion: row.int(3), effectiveJSON: row.bytes(4)
        )
    }

    private static func clusterRecord(_ row: Row) throws -> ClusterRecord {
        let id = row.text(0)
        do {
            let intent = try JSONValue(parsing: row.bytes(4)).objectValue
            let effective = try JSONValue(parsing: row.bytes(5)).objectValue
            guard let intent, let effective else { throw StoreError(.corrupt, "cluster \"\(id)\": a stored document is not an object") }
            return ClusterRecord(
                id: id, projectID: row.text(1), seed: row.text(2), resourceVersion: row.int(3),
                documents: ClusterDocuments(intent: intent, effective: effective)
            )
        } catch let error as JSONParseError {
            throw StoreError(.corrupt, "cluster \"\(id)\": a stored document is not valid JSON: \(error.message)")
        }
    }

    private static func open(_ location: String, writer: Bool) throws(SQLiteError) -> Connection {
        let connection = try Connection(path: location, flags: [.readWrite, .create, .noMutex, .uri])
        connection.setBusyTimeout(milliseconds: 5000)
        if !location.hasPrefix("file:/kkp-mock-") {
            try connection.execute("PRAGMA journal_mode = WAL")
        }
        try connection.execute("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON")
        return connection
    }

    private static func mapped<T>(_ path: String, _ body: () throws(SQLiteError) -> T) throws(StoreError) -> T {
        do {
            return try body()
        } catch {
            throw StoreError(.unavailable, "\(path): \(error.message)")
        }
    }
}

/// A pool of read connections, opened on demand and reused; each is used by one thread at a time.
private final class ReaderPool: @unchecked Sendable {
    // @unchecked Sendable: a connection is in `idle` (guarded by the mutex) or checked out by exactly one thread.
    private let idle = Mutex<[UncheckedBox<Connection>]>([])
    private let open: () throws(StoreError) -> Connection

    init(open: @escaping () throws(StoreError) -> Connection) {
        self.open = open
    }

    func withReader<T>(_ body: (Connection) throws(SQLiteError) -> T) throws(StoreError) -> T {
        let box: UncheckedBox<Connection>
        if let idle = idle.withLock({ $0.popLast() }) {
            box = idle
        } else {
            box = UncheckedBox(value: try open())
        }
        defer { idle.withLock { $0.append(box) } }
        do {
            return try body(box.value)
        } catch {
            throw StoreError(.unavailable, error.description)
        }
    }
}

/// Moves a non-Sendable value across an isolation boundary whose safety is argued at the use site.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
}

/// The parsed records of the clusters the writer wrote last, so that a run of writes to the same clusters does not
/// read and parse their documents again. They are valid for one `PRAGMA data_version` of the writer: a commit by any
/// other connection (another process, the `sqlite3` shell) drops them all.
struct RecentRecords {
    /// How many records are kept; on overflow all are dropped (a working set this large gains little).
    static let capacity = 256
    /// The writer's data version the records are valid for; `nil` before the first write.
    var dataVersion: Int?
    /// The records, by cluster id.
    private(set) var records: [String: ClusterRecord] = [:]

    init(dataVersion: Int? = nil) {
        self.dataVersion = dataVersion
    }

    /// Keeps a record as just written.
    mutating func remember(_ record: ClusterRecord) {
        if records.count >= Self.capacity, records[record.id] == nil { records.removeAll(keepingCapacity: true) }
        records[record.id] = record
    }

    /// Drops the record of a deleted cluster.
    mutating func forget(_ id: String) {
        records[id] = nil
    }
}

import SQLite
import Synchronization
import Testing

/// The pattern callers use to share a connection between threads: a `Mutex<Void>` guarding a
/// `nonisolated(unsafe) let` (`Mutex<Connection>.withLock { try body($0) }` does not compile on Swift 6.3.1).
final class GuardedConnection: Sendable {
    private let lock = Mutex<Void>(())
    // Safe: `connection` is only touched inside `lock.withLock`, so one thread at a time uses it.
    private nonisolated(unsafe) let connection: Connection

    init(path: String) throws {
        connection = try Connection(path: path)
    }

    func withConnection<T: Sendable>(_ body: (Connection) throws -> T) throws -> T {
        try lock.withLock { _ in try body(connection) }
    }
}

@Suite struct SharingTests {
    @Test func aMutexGuardedConnectionCanBeUsedFromManyTasks() async throws {
        let shared = try GuardedConnection(path: ":memory:")
        try shared.withConnection { try $0.execute("CREATE TABLE t(x)") }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for value in 0..<20 {
                group.addTask {
                    try shared.withConnection { db in
                        try db.transaction { try db.run("INSERT INTO t VALUES (?)", [.integer(Int64(value))]) }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try shared.withConnection { try $0.queryOne("SELECT count(*) FROM t") { $0.int(0) } } == 20)
    }
}

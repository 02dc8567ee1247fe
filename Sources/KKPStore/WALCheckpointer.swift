import SQLite
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Checkpoints a WAL database on its own thread and connection, so that no write waits for a checkpoint.
///
/// SQLite's automatic checkpoint runs inside the commit that crosses `wal_autocheckpoint` (1000 pages), on the
/// writer, under the store's write lock: that commit copies the WAL into the database and fsyncs both files (with
/// `synchronous = NORMAL` the only fsyncs there are), and every queued write waits behind it. Measured on the 2-core
/// machine: PATCH p99 at one connection 18–24 ms with it, 4.5–6 ms without the fsyncs. The store turns the automatic
/// checkpoint off on its writer and calls ``noteCommit()`` after each write; every `commitsPerCheckpoint` commits this
/// thread runs `PRAGMA wal_checkpoint(PASSIVE)`, which never blocks the writer or readers, and then the writer
/// checkpoints the few frames left (see ``noteCommit()``). Durability is unchanged: a commit is in the WAL before the
/// write returns, and a checkpoint only moves committed pages.
final class WALCheckpointer: @unchecked Sendable {
    // @unchecked Sendable: `connection` is used only on the checkpoint thread; `state` is a Mutex; `wake` is a POSIX
    // semaphore (thread-safe by definition); `thread` is written once in init and read once in `stop()`.
    private let connection: Connection
    private let commitsPerCheckpoint: Int
    private let state = Mutex<(pending: Int, stopping: Bool, checkpoints: Int, catchUpDue: Bool)>((0, false, 0, false))
    private let wake: UnsafeMutablePointer<sem_t>
    private var thread = pthread_t()
    private var started = false

    /// Starts the checkpoint thread on `connection` (which it then owns and closes).
    init(connection: Connection, commitsPerCheckpoint: Int = 200) {
        self.connection = connection
        self.commitsPerCheckpoint = max(1, commitsPerCheckpoint)
        wake = .allocate(capacity: 1)
        sem_init(wake, 0, 0)
        let retained = Unmanaged.passRetained(self)  // released by the thread when it ends
        started =
            pthread_create(
                &thread, nil,
                { argument in
                    let checkpointer = Unmanaged<WALCheckpointer>.fromOpaque(argument!).takeRetainedValue()
                    checkpointer.run()
                    return nil
                }, retained.toOpaque()
            ) == 0
        if !started { retained.release() }
    }

    deinit {
        sem_destroy(wake)
        wake.deallocate()
    }

    /// The number of checkpoints run so far (for tests).
    var checkpoints: Int { state.withLock { $0.checkpoints } }

    /// Counts one commit; wakes the thread every `commitsPerCheckpoint` commits.
    ///
    /// Returns `true` once after each background checkpoint: the caller (the writer, still holding the write lock)
    /// should then run a PASSIVE checkpoint itself. That one copies only the frames committed while the background
    /// one ran, and leaves the WAL wholly checkpointed, so SQLite restarts it from the beginning at the next write.
    /// Without it, under steady writes the background checkpoint never catches up and the WAL grows without bound
    /// (measured: 116 MB after 8 s of PATCHes, and a 0.6 s start-up to recover it).
    func noteCommit() -> Bool {
        let (wakeThread, catchUp) = state.withLock { state -> (Bool, Bool) in
            state.pending += 1
            defer { state.catchUpDue = false }
            return (state.pending == commitsPerCheckpoint, state.catchUpDue)
        }
        if wakeThread { sem_post(wake) }
        return catchUp
    }

    /// Stops the thread after the checkpoint it may be running, and waits for it. Calling it again does nothing.
    func stop() {
        let first = state.withLock { state -> Bool in
            defer { state.stopping = true }
            return !state.stopping
        }
        guard first, started else { return }
        sem_post(wake)
        pthread_join(thread, nil)
    }

    private func run() {
        defer { connection.close() }
        while true {
            while sem_wait(wake) != 0 {}  // EINTR
            let stopping = state.withLock { state -> Bool in
                state.pending = 0
                return state.stopping
            }
            if stopping { return }
            // PASSIVE copies what no reader still needs and never waits; an error (e.g. SQLITE_BUSY from another
            // process's checkpoint) is left for the next round.
            try? connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
            state.withLock {
                $0.checkpoints += 1
                $0.catchUpDue = true
            }
        }
    }
}

public import KKPCore
public import KKPStore
import MicroHTTP
import Synchronization

/// The mock-only machinery around the API: the request journal, the fault rules, the access log, and resetting
/// everything to fixtures.
///
/// ``KKPResponder`` passes every request through ``serve(_:clock:injectingFaults:_:)``; the admin handlers under
/// `/__mock/` read and change the journal and the rules. The journal and the rules apply to every request but the
/// mock's own (`/healthz` and `/__mock/…`); the access log and the `Date` header to all of them.
public final class Sandbox: Sendable {
    /// The configuration.
    public let configuration: SandboxConfiguration
    private let journal: Mutex<RequestJournal>
    private let faults = Mutex(FaultRules())
    private let loadFixtures: @Sendable (String) throws(FixtureError) -> FixtureSet
    private let writeLine: @Sendable ([UInt8]) -> Void

    /// The sandbox of a server.
    /// - Parameters:
    ///   - configuration: its options.
    ///   - loadFixtures: reads a fixtures directory for a reset; the default reads the files from disk.
    ///   - writeLine: writes one access log line (with its newline); the default writes it to standard error with
    ///     one `write(2)`.
    public init(
        configuration: SandboxConfiguration = .init(),
        loadFixtures: @escaping @Sendable (String) throws(FixtureError) -> FixtureSet = { directory throws(FixtureError) in
            try FixtureLoader.load(directory: directory)
        },
        writeLine: @escaping @Sendable ([UInt8]) -> Void = AccessLog.writeToStandardError
    ) {
        self.configuration = configuration
        self.journal = Mutex(RequestJournal(capacity: configuration.journalCapacity))
        self.loadFixtures = loadFixtures
        self.writeLine = writeLine
    }

    /// Whether `path` is one of the mock's own, which the journal and the fault rules leave alone.
    static func isMockPath(_ path: String) -> Bool {
        path == "/healthz" || path == "/__mock" || path.hasPrefix("/__mock/")
    }

    // MARK: Serving

    /// Answers a request with `route`, applying the first matching fault rule, recording the request in the
    /// journal, writing the access log line and setting the `Date` header from `clock`.
    ///
    /// A rule with a delay makes the answer a deferred response: the API (or the rule's response) answers when the
    /// delay is over, and no worker thread waits meanwhile.
    func serve(
        _ request: HTTPRequest, clock: any WallClock, injectingFaults: Bool = true,
        _ route: @escaping @Sendable (HTTPRequest) -> HTTPResponse
    ) -> HTTPResponse {
        let started = ContinuousClock.now
        let received = clock.nowInMilliseconds()
        let journaled = !Self.isMockPath(request.path)
        let fault = journaled && injectingFaults ? faults.withLock { $0.apply(method: request.method, path: request.path) } : nil
        let answer: @Sendable () -> HTTPResponse = {
            let response = fault?.response.map { $0.httpResponse.addingSecurityHeaders() } ?? route(request)
            return self.finish(response, to: request, received: received, started: started, clock: clock, journaled: journaled, fault: fault?.id)
        }
        guard let fault, fault.delayMilliseconds > 0 else { return answer() }
        return .deferred(by: .milliseconds(fault.delayMilliseconds), answer)
    }

    private func finish(
        _ response: HTTPResponse, to request: HTTPRequest, received: Int64, started: ContinuousClock.Instant, clock: any WallClock,
        journaled: Bool, fault: Int?
    ) -> HTTPResponse {
        var response = response
        response.headers.set("Date", Timestamp.httpDate(clock.now()))
        if journaled {
            let entry = JournalEntry(time: received, request: request, response: response, fault: fault)
            journal.withLock { $0.append(entry) }
        }
        let line = AccessLog.line(
            configuration.accessLog, time: received, method: request.method, path: request.path, status: response.status,
            duration: ContinuousClock.now - started, fault: fault
        )
        if let line { writeLine(line) }
        return response
    }

    // MARK: Journal

    /// The journal's entries that match `query`, with its capacity and count.
    func journalEntries(matching query: JournalQuery) -> (entries: [JournalEntry], capacity: Int, recorded: Int) {
        journal.withLock { ($0.entries(matching: query), $0.capacity, $0.recorded) }
    }

    /// Empties the journal.
    /// - Returns: how many entries were removed.
    func clearJournal() -> Int {
        journal.withLock { $0.clear() }
    }

    // MARK: Faults

    /// The fault rules, oldest first.
    var faultRules: [FaultRule] {
        faults.withLock { $0.rules }
    }

    /// Adds a fault rule.
    /// - Returns: the rule as stored, with its id.
    func addFault(_ rule: FaultRule) -> FaultRule {
        faults.withLock { $0.add(rule) }
    }

    /// The fault rule with `id`.
    func fault(id: Int) -> FaultRule? {
        faults.withLock { $0.rule(id: id) }
    }

    /// Removes the fault rule with `id`.
    /// - Returns: the removed rule, or `nil` when there is none.
    func removeFault(id: Int) -> FaultRule? {
        faults.withLock { $0.remove(id: id) }
    }

    /// Removes every fault rule.
    /// - Returns: how many rules were removed.
    func removeAllFaults() -> Int {
        faults.withLock { $0.removeAll() }
    }

    // MARK: Reset

    /// Puts everything back as a new server on a new database would have it: the store holds the fixtures of
    /// `directory` (the configured directory when `nil`), the journal and the fault rules are empty and their ids
    /// start again, and so does the cluster id sequence (in the deterministic mode).
    ///
    /// The fixtures are read and checked first; when they cannot be used, nothing changes.
    /// - Returns: the fixtures loaded.
    /// - Throws: `APIError` 400 for fixtures that cannot be used (named in the request) or 500 (the configured
    ///   ones); `StoreError` when the store fails (then nothing changed).
    func reset(store: any PlatformStore, ids: any IDGenerator, directory: String?) throws -> FixtureSet {
        let chosen = directory ?? configuration.fixturesDirectory
        let fixtures: FixtureSet
        do {
            fixtures = try loadFixtures(chosen)
        } catch {
            throw APIError(
                code: directory == nil ? 500 : 400, message: "cannot load fixtures from \(quoted(chosen))",
                details: ["\(error.file): \(error.message)"]
            )
        }
        try store.reset(to: fixtures)
        journal.withLock { $0.restart() }
        faults.withLock { $0.restart() }
        ids.restart()
        return fixtures
    }
}

extension HTTPResponse {
    /// The response with KKP's security headers set.
    func addingSecurityHeaders() -> HTTPResponse {
        var response = self
        // A handler may set its own policy (the Swagger UI page allows data: images); every other response gets KKP's.
        for (name, value) in Self.securityHeaders where !response.headers.contains(name) { response.headers.add(name, value) }
        return response
    }
}

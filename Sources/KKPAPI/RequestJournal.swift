import KKPCore
import MicroHTTP

/// The most recent requests and their answers, in a ring buffer of fixed capacity: when it is full, each new entry
/// replaces the oldest. A value type; ``Sandbox`` keeps it behind a lock.
struct RequestJournal: Sendable {
    /// How many entries are kept; 0 keeps none.
    let capacity: Int
    /// Entries recorded since the journal was created or last cleared, including those the ring has dropped.
    private(set) var recorded = 0
    /// The ring: in order from `start` to the end, then from 0 to `start`.
    private var ring: [JournalEntry] = []
    private var start = 0
    private var nextID = 1

    /// The most bytes of a request or response body an entry keeps.
    static let bodyLimit = 64 << 10

    /// A journal keeping at most `capacity` entries (at least 0).
    init(capacity: Int) {
        self.capacity = max(0, capacity)
        ring.reserveCapacity(min(self.capacity, 1024))
    }

    /// The kept entries, oldest first.
    var entries: [JournalEntry] {
        Array(ring[start...] + ring[..<start])
    }

    /// Records an entry, giving it the next id; the oldest entry goes when the ring is full.
    mutating func append(_ entry: JournalEntry) {
        var entry = entry
        entry.id = nextID
        nextID += 1
        recorded += 1
        guard capacity > 0 else { return }
        if ring.count < capacity {
            ring.append(entry)
        } else {
            ring[start] = entry
            start = (start + 1) % capacity
        }
    }

    /// The kept entries that match `query`, oldest first; with a limit, the most recent ones.
    func entries(matching query: JournalQuery) -> [JournalEntry] {
        let matching = entries.filter(query.matches)
        guard let limit = query.limit else { return matching }
        return Array(matching.suffix(limit))
    }

    /// Removes every entry; ids go on from where they were.
    /// - Returns: how many entries were removed.
    mutating func clear() -> Int {
        let removed = ring.count
        ring.removeAll(keepingCapacity: true)
        start = 0
        recorded = 0
        return removed
    }

    /// Removes every entry and starts the ids again from 1, as a new journal would.
    mutating func restart() {
        _ = clear()
        nextID = 1
    }
}

/// One request of the journal and the answer it got.
struct JournalEntry: Sendable {
    /// The entry's number: 1 for the first request after start or reset, counting on.
    var id = 0
    /// When the request arrived, in milliseconds since the epoch.
    var time: Int64
    /// The request: method, raw path, query, headers and (at most ``RequestJournal/bodyLimit`` bytes of) body.
    var request: HTTPRequest
    /// The size of the request body as received.
    var requestBodySize: Int
    /// The status sent.
    var status: HTTPStatus
    /// The response headers sent (but `Content-Length`, which the server adds).
    var responseHeaders: HTTPHeaders
    /// The body sent, at most ``RequestJournal/bodyLimit`` bytes.
    var responseBody: [UInt8]
    /// The size of the response body sent.
    var responseBodySize: Int
    /// The id of the fault rule that delayed or answered the request.
    var fault: Int?

    /// An entry for `request` answered with `response`; bodies are cut at ``RequestJournal/bodyLimit`` bytes, and
    /// the response body is empty where none is sent (HEAD, 204, 304).
    init(time: Int64, request: HTTPRequest, response: HTTPResponse, fault: Int?) {
        self.time = time
        var kept = request
        requestBodySize = request.body.count
        if kept.body.count > RequestJournal.bodyLimit { kept.body = Array(kept.body.prefix(RequestJournal.bodyLimit)) }
        self.request = kept
        status = response.status
        responseHeaders = response.headers
        let sent = request.method == .head || response.status.forbidsBody ? [] : response.body
        responseBodySize = sent.count
        responseBody = sent.count > RequestJournal.bodyLimit ? Array(sent.prefix(RequestJournal.bodyLimit)) : sent
        self.fault = fault
    }
}

/// Which journal entries to show: the query parameters of `GET /__mock/journal`.
struct JournalQuery: Sendable, Equatable {
    /// Only requests with this method.
    var method: HTTPMethod?
    /// Only requests whose path matches.
    var path: PathPattern?
    /// Only requests answered with this status.
    var status: Int?
    /// At most this many entries, the most recent.
    var limit: Int?

    /// The query parameters understood.
    static let parameterNames = ["method", "path", "status", "limit"]

    /// Everything.
    init(method: HTTPMethod? = nil, path: PathPattern? = nil, status: Int? = nil, limit: Int? = nil) {
        self.method = method
        self.path = path
        self.status = status
        self.limit = limit
    }

    /// Reads the query parameters of a request.
    /// - Throws: `APIError` 400 for an unknown or repeated parameter, a malformed path pattern, a status that is not
    ///   a number from 100 to 999, or a limit that is not a positive number.
    init(_ request: HTTPRequest) throws(APIError) {
        self.init()
        for (name, value) in try AdminInput.singleQueryValues(of: request, allowed: Self.parameterNames) {
            switch name {
            case "method":
                guard let method = AdminInput.method(value) else {
                    throw APIError.badRequest("invalid method \(quoted(value)): expected a method such as GET or PATCH")
                }
                self.method = method
            case "path":
                path = try PathPattern(value)
            case "status":
                guard let status = Int(value), (100...999).contains(status) else {
                    throw APIError.badRequest("invalid status \(quoted(value)): expected a number from 100 to 999")
                }
                self.status = status
            default:
                guard let limit = Int(value), limit > 0 else {
                    throw APIError.badRequest("invalid limit \(quoted(value)): expected a positive number")
                }
                self.limit = limit
            }
        }
    }

    /// Whether `entry` is shown.
    func matches(_ entry: JournalEntry) -> Bool {
        if let method, entry.request.method != method { return false }
        if let path, !path.matches(entry.request.path) { return false }
        if let status, entry.status.rawValue != status { return false }
        return true
    }
}

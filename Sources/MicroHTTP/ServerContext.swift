internal import CMicroHTTPD
internal import Dispatch
internal import Synchronization

/// What the C callbacks need: the responder, the limits and the count of live request states.
///
/// Passed to libmicrohttpd as the `cls` of every callback through `Unmanaged`: retained when the daemon starts and
/// released after `MHD_stop_daemon` returns, when no callback can run any more.
final class ServerContext: Sendable {
    let responder: any HTTPResponder
    let maxBodySize: Int
    /// How many bytes past the limit an oversized chunked body may run, read and discarded to answer 413 at its end,
    /// before we close the connection without an answer.
    static let drainLimit = 4 << 20
    /// Request states alive now (created by the URI log callback, released by the completion notifier).
    let liveRequestStates = Atomic<Int>(0)
    /// Connections suspended for a deferred response, by ticket; see ``suspend(_:connection:deferral:)``.
    private let suspensions = Mutex(Suspensions())
    /// Where resume timers fire: a private serial queue, which libdispatch serves from its overcommitting pool, so a
    /// timer is never stuck behind work that occupies the shared global queues (Swift concurrency runs there).
    private let timers = DispatchQueue(label: "MicroHTTP.deferred-responses")

    init(responder: any HTTPResponder, maxBodySize: Int) {
        self.responder = responder
        self.maxBodySize = maxBodySize
    }

    /// One step of the access handler for `state`. libmicrohttpd calls it once when the headers are in, once per
    /// piece of body, and once more (with no data) when the request is complete.
    func step(
        _ state: RequestState,
        connection: OpaquePointer,
        method: UnsafePointer<CChar>,
        uploadData: UnsafePointer<CChar>?,
        uploadDataSize: UnsafeMutablePointer<Int>
    ) -> MHD_Result {
        guard state.headersReceived else {
            // First call: headers only. Answering here would make 0.9.75 close even a keep-alive connection, so we
            // answer later; the exception is a declared body above the limit, where closing is what we want.
            state.headersReceived = true
            state.method = HTTPMethod(rawValue: String(cString: method))
            state.headers = Self.headers(of: connection)
            if let refusal = framingError(state.headers) {
                return queue(refusal, state: state, connection: connection, closeConnection: true)
            }
            if let declared = MHD_lookup_connection_value(connection, .HEADER_KIND, "Content-Length"),
                let length = Int(String(cString: declared)), length > maxBodySize
            {
                state.oversized = true
                return answerOversized(state, connection: connection)
            }
            return .YES
        }
        let size = uploadDataSize.pointee
        if size > 0 {
            uploadDataSize.pointee = 0  // consumed; otherwise libmicrohttpd offers the same bytes again
            if state.oversized || state.answered {
                // Discarding the rest of a body we will answer with 413: libmicrohttpd 0.9.75 refuses to queue a
                // response while a body is arriving (only on the first call and after the body). A client that
                // keeps sending far past the limit is cut off without an answer.
                state.discarded += size
                return state.discarded > maxBodySize + Self.drainLimit ? .NO : .YES
            }
            guard state.body.count + size <= maxBodySize else {
                state.oversized = true
                state.discarded = state.body.count + size
                state.body = []
                return .YES  // answered when the body ends (see above)
            }
            if let uploadData {
                uploadData.withMemoryRebound(to: UInt8.self, capacity: size) {
                    state.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: size))
                }
            }
            return .YES
        }
        if state.answered {
            return .YES
        }
        if let deferral = state.deferral {
            // Called again after `resume`: the delay is over.
            state.deferral = nil
            return queue(deferral.produce(), state: state, connection: connection, closeConnection: false)
        }
        if state.oversized {
            return answerOversized(state, connection: connection)
        }
        guard let target = state.target, let request = makeRequest(state, target: target) else {
            return queue(
                .plainText("invalid request-target\n", status: .badRequest),
                state: state,
                connection: connection,
                closeConnection: true
            )
        }
        state.body = []
        let response = responder.respond(to: request)
        if let deferral = response.deferral {
            return suspend(state, connection: connection, deferral: deferral)
        }
        return queue(response, state: state, connection: connection, closeConnection: false)
    }

    // MARK: Deferred responses

    /// The suspended connections: a ticket per suspension (so a late timer can never resume a connection that was
    /// suspended again, or one of another daemon) and whether the daemon is stopping.
    private struct Suspensions {
        var nextTicket = 0
        /// Ticket → the connection's address (`OpaquePointer` is not Sendable).
        var connections: [Int: UInt] = [:]
        var stopping = false
    }

    /// Suspends the connection, keeps the deferral in the request's state and schedules the resume; the access
    /// handler is called again once the connection is resumed and then sends what the deferral produces.
    /// The corresponding C function is `MHD_suspend_connection`.
    private func suspend(_ state: RequestState, connection: OpaquePointer, deferral: HTTPResponse.Deferral) -> MHD_Result {
        let address = UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(connection)))
        let ticket = suspensions.withLock { suspensions -> Int? in
            guard !suspensions.stopping else { return nil }
            suspensions.nextTicket += 1
            suspensions.connections[suspensions.nextTicket] = address
            // Under the lock, so that neither the timer nor `resumeAll` can resume it before it is suspended.
            MHD_suspend_connection(connection)
            return suspensions.nextTicket
        }
        guard let ticket else {
            return queue(deferral.produce(), state: state, connection: connection, closeConnection: false)
        }
        state.deferral = deferral
        let (seconds, attoseconds) = deferral.delay.components
        let nanoseconds =
            seconds >= Int64.max / 1_000_000_000 ? Int64.max : max(0, seconds) * 1_000_000_000 + max(0, attoseconds / 1_000_000_000)
        timers.asyncAfter(deadline: .now() + .nanoseconds(Int(clamping: nanoseconds))) { [self] in
            resume(ticket: ticket)
        }
        return .YES
    }

    /// Resumes the connection of `ticket` unless it was resumed already (by ``resumeAll()``).
    /// The corresponding C function is `MHD_resume_connection`.
    private func resume(ticket: Int) {
        suspensions.withLock { suspensions in
            guard let address = suspensions.connections.removeValue(forKey: ticket),
                let connection = OpaquePointer(bitPattern: address)
            else { return }
            MHD_resume_connection(connection)
        }
    }

    /// Resumes every suspended connection and refuses new suspensions: libmicrohttpd must not be stopped while a
    /// connection is suspended. The server calls it before `MHD_stop_daemon`.
    func resumeAll() {
        suspensions.withLock { suspensions in
            suspensions.stopping = true
            for address in suspensions.connections.values {
                if let connection = OpaquePointer(bitPattern: address) { MHD_resume_connection(connection) }
            }
            suspensions.connections.removeAll()
        }
    }

    /// Accepts suspensions again; the server calls it when it starts.
    func allowSuspensions() {
        suspensions.withLock { $0.stopping = false }
    }

    /// The number of connections suspended now. For tests.
    var suspendedConnections: Int {
        suspensions.withLock { $0.connections.count }
    }

    /// The answer to a request whose body framing libmicrohttpd 0.9.75 would misread, or nil (RFC 9112 §6):
    /// - several `Content-Length` headers that differ: libmicrohttpd uses the first; the body's end is ambiguous
    ///   (request smuggling), so 400;
    /// - `Transfer-Encoding` whose last coding is not `chunked`: the body length cannot be known, so 400
    ///   (libmicrohttpd would wait for more bytes until the connection times out);
    /// - `Transfer-Encoding` with `Content-Length`: 400 (RFC 9112 permits refusing it; the two disagree on framing);
    /// - other transfer codings before `chunked`: 501, as libmicrohttpd would hand over still-encoded bytes.
    private func framingError(_ headers: HTTPHeaders) -> HTTPResponse? {
        let lengths = headers.values(for: "Content-Length")
        if Set(lengths).count > 1 {
            return .plainText("conflicting Content-Length headers\n", status: .badRequest)
        }
        let encodings = headers.values(for: "Transfer-Encoding")
        guard !encodings.isEmpty else { return nil }
        let codings = encodings.joined(separator: ",").split(separator: ",").map {
            String($0.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()).lowercased()
        }.filter { !$0.isEmpty }
        if codings.last != "chunked" {
            return .plainText("Transfer-Encoding must end with chunked\n", status: .badRequest)
        }
        if !lengths.isEmpty {
            return .plainText("Transfer-Encoding and Content-Length together\n", status: .badRequest)
        }
        if codings.count > 1 {
            return .plainText("only the chunked transfer coding is supported\n", status: .notImplemented)
        }
        return nil
    }

    private func answerOversized(_ state: RequestState, connection: OpaquePointer) -> MHD_Result {
        var request =
            makeRequest(state, target: state.target ?? "/")
            ?? HTTPRequest(method: state.method, path: "/")
        request.body = []
        let response = responder.respondToOversizedBody(request, limit: maxBodySize)
        return queue(response, state: state, connection: connection, closeConnection: true)
    }

    /// Builds the request value from the raw target and the headers collected when they arrived.
    ///
    /// `nil` when the target is neither origin-form (`/path?query`) nor absolute-form (`http://host/path`).
    private func makeRequest(_ state: RequestState, target: String) -> HTTPRequest? {
        var pathAndQuery = Substring(target)
        if !pathAndQuery.utf8.starts(with: [UInt8(ascii: "/")]) {
            // absolute-form (RFC 9112 §3.2.2): drop the scheme and the authority.
            guard let schemeEnd = pathAndQuery.firstRange(of: "://") else { return nil }
            let authority = pathAndQuery[schemeEnd.upperBound...]
            pathAndQuery = authority.utf8.firstIndex(of: UInt8(ascii: "/")).map { authority[$0...] } ?? "/"
        }
        var request = HTTPRequest(method: state.method, target: String(pathAndQuery), headers: state.headers)
        request.body = state.body
        return request
    }

    /// The request's header fields, in the order received (collected once, when the headers arrive).
    private static func headers(of connection: OpaquePointer) -> HTTPHeaders {
        var headers = HTTPHeaders()
        withUnsafeMutablePointer(to: &headers) { pointer in
            _ = MHD_get_connection_values(connection, .HEADER_KIND, headerCollector, pointer)
        }
        return headers
    }

    private func queue(
        _ response: HTTPResponse,
        state: RequestState,
        connection: OpaquePointer,
        closeConnection: Bool
    ) -> MHD_Result {
        var response = response
        while let deferral = response.deferral {
            response = deferral.produce()  // where the connection cannot wait (a 413), or a deferral produced again
        }
        if response.status.rawValue < 200 || response.status.rawValue > 999 {
            response = .plainText("invalid response status \(response.status.rawValue)\n", status: .internalServerError)
        }
        if response.status.forbidsBody {
            response.body = []
        }
        let created = response.body.withUnsafeBytes { bytes in
            MHD_create_response_from_buffer(
                bytes.count,
                UnsafeMutableRawPointer(mutating: bytes.baseAddress),
                .RESPMEM_MUST_COPY
            )
        }
        guard let mhdResponse = created else { return .NO }
        defer { MHD_destroy_response(mhdResponse) }
        for (name, value) in response.headers
        where !HTTPHeaders.namesEqual(name, "Content-Length") && !HTTPHeaders.namesEqual(name, "Transfer-Encoding") {
            // Refused (and so dropped): names or values with CR, LF or other characters a header cannot hold.
            Self.addHeader(name, value, to: mhdResponse)
        }
        if closeConnection {
            Self.addHeader("Connection", "close", to: mhdResponse)
        }
        let result = MHD_queue_response(connection, UInt32(response.status.rawValue), mhdResponse)
        if result == .YES {
            state.answered = true
        }
        return result
    }
}

extension ServerContext {
    /// Adds a header to a libmicrohttpd response, which copies both strings.
    ///
    /// `withCString` lends a short string's bytes from the stack; passing a `String` where C wants a pointer copies
    /// a short one to the heap first (two allocations per header, a tenth of a GET's instructions in callgrind).
    /// The corresponding C function is `MHD_add_response_header`.
    fileprivate static func addHeader(_ name: String, _ value: String, to response: OpaquePointer) {
        name.withCString { name in
            value.withCString { value in _ = MHD_add_response_header(response, name, value) }
        }
    }
}

/// The state of one request, from its request line until libmicrohttpd reports it completed.
///
/// libmicrohttpd calls back for one connection on one thread at a time, so a state is never touched concurrently.
final class RequestState {
    let context: ServerContext
    /// The request-target exactly as sent (`nil` when it was not UTF-8).
    let target: String?
    var method = HTTPMethod.get
    var headersReceived = false
    /// The header fields, collected when they arrive.
    var headers = HTTPHeaders()
    var oversized = false
    var answered = false
    /// The deferred response waited for while the connection is suspended.
    var deferral: HTTPResponse.Deferral?
    var body: [UInt8] = []
    /// Body bytes thrown away after the body passed the limit.
    var discarded = 0

    init(context: ServerContext, target: String?) {
        self.context = context
        self.target = target
        context.liveRequestStates.add(1, ordering: .relaxed)
    }

    deinit {
        context.liveRequestStates.subtract(1, ordering: .relaxed)
    }
}

@available(*, unavailable)
extension RequestState: Sendable {}

// MARK: - C callbacks. They capture nothing: the context travels in `cls`, the request state in `*con_cls`.

/// Called with the raw request-target (path and query, nothing decoded) before MHD parses it; the state it returns
/// becomes `*con_cls`. MHD then cuts the target at the first `?` and, with the no-op unescaper of `shim.h`, passes
/// the path still percent-encoded as `url` to the access handler. We ignore that `url` and MHD's parsed
/// GET arguments (whose `+` MHD turns into a space) and split the raw target ourselves.
let uriLogCallback: cmhd_uri_log_callback = { cls, uri, _ in
    guard let cls else { return nil }
    let context = Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue()
    let target = uri.flatMap { String(validatingCString: $0) }
    return Unmanaged.passRetained(RequestState(context: context, target: target)).toOpaque()
}

let accessHandler: MHD_AccessHandlerCallback = { cls, connection, url, method, _, uploadData, uploadDataSize, conCls in
    guard let cls, let connection, let method, let uploadDataSize, let conCls else { return .NO }
    let context = Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue()
    let state: RequestState
    if let pointer = conCls.pointee {
        state = Unmanaged<RequestState>.fromOpaque(pointer).takeUnretainedValue()
    } else {
        // Not expected (the URI log callback runs for every request); fall back to the path MHD gives.
        state = RequestState(context: context, target: url.flatMap { String(validatingCString: $0) })
        conCls.pointee = Unmanaged.passRetained(state).toOpaque()
    }
    return context.step(
        state,
        connection: connection,
        method: method,
        uploadData: uploadData,
        uploadDataSize: uploadDataSize
    )
}

/// Runs once per request however it ends (answered, client abort, timeout, daemon shutdown) and releases its state.
let completedCallback: MHD_RequestCompletedCallback = { _, _, conCls, _ in
    guard let conCls, let pointer = conCls.pointee else { return }
    Unmanaged<RequestState>.fromOpaque(pointer).release()
    conCls.pointee = nil
}

/// Appends each request header to the `HTTPHeaders` that `cls` points to.
let headerCollector: MHD_KeyValueIterator = { cls, _, key, value in
    guard let cls, let key else { return .YES }
    let headers = cls.assumingMemoryBound(to: HTTPHeaders.self)
    headers.pointee.add(String(cString: key), value.map { String(cString: $0) } ?? "")
    return .YES
}

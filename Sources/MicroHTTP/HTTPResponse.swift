/// An HTTP response as a value: status, headers and the whole body.
///
/// `Content-Length` is computed by the server from `body`; a `Content-Length` or `Transfer-Encoding` header set
/// here is not sent. For `HEAD` requests the server sends the headers (with the length of `body`) and no body.
public struct HTTPResponse: Sendable {
    /// The status code.
    public var status: HTTPStatus
    /// The response header fields.
    public var headers: HTTPHeaders
    /// The response body.
    public var body: [UInt8]
    /// For a response made by ``deferred(by:_:)``: the delay and what makes the real response; `nil` otherwise.
    public private(set) var deferral: Deferral?

    /// Creates a response.
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Creates a `text/plain; charset=utf-8` response.
    public static func plainText(_ text: String, status: HTTPStatus = .ok, headers: HTTPHeaders = [:]) -> HTTPResponse {
        var headers = headers
        headers.set("Content-Type", "text/plain; charset=utf-8")
        return HTTPResponse(status: status, headers: headers, body: Array(text.utf8))
    }

    /// A response the server sends only after `delay`, without holding a worker thread meanwhile.
    ///
    /// The server suspends the connection (libmicrohttpd's `MHD_suspend_connection`); when the delay is over it
    /// resumes it, calls `produce` on a worker thread and sends what `produce` returns (a deferral in that response
    /// is produced at once, not waited for). Other requests, on any connection, are served meanwhile. When the
    /// server stops first, the connection is resumed and closed. Where the server cannot suspend (a 413 answer),
    /// `produce` runs without delay.
    public static func deferred(by delay: Duration, _ produce: @escaping @Sendable () -> HTTPResponse) -> HTTPResponse {
        var response = HTTPResponse()
        response.deferral = Deferral(delay: delay, produce: produce)
        return response
    }

    /// A response held back: how long, and what makes it.
    public struct Deferral: Sendable {
        /// How long to wait before `produce` runs.
        public let delay: Duration
        /// Makes the response to send.
        public let produce: @Sendable () -> HTTPResponse
    }
}

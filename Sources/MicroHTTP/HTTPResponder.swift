/// Answers HTTP requests; `HTTPServer` calls it on its worker threads, concurrently.
public protocol HTTPResponder: Sendable {
    /// Answers a request whose body was read completely.
    func respond(to request: HTTPRequest) -> HTTPResponse

    /// Called instead of `respond(to:)` when the body is larger than the limit (the request has headers, empty body).
    ///
    /// The server answers without reading the rest of the body and closes the connection afterwards.
    /// The default answers `413` with a plain-text message.
    func respondToOversizedBody(_ request: HTTPRequest, limit: Int) -> HTTPResponse
}

extension HTTPResponder {
    /// Answers `413 Content Too Large` with a plain-text message that names the limit.
    public func respondToOversizedBody(_ request: HTTPRequest, limit: Int) -> HTTPResponse {
        .plainText("request body is larger than the limit of \(limit) bytes\n", status: .payloadTooLarge)
    }
}

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
}

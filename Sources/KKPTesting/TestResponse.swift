/// An HTTP response as read by `HTTPTestClient`.
public struct TestResponse: Sendable {
    /// The status code, such as 200.
    public var status: Int
    /// The reason phrase of the status line, such as `OK`.
    public var reason: String
    /// The header fields in the order received.
    public var headers: [(name: String, value: String)]
    /// The body, de-chunked; empty for `HEAD`, 1xx, 204 and 304 responses.
    public var body: [UInt8]

    /// Creates a response value.
    public init(status: Int, reason: String = "", headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
    }

    /// The first value of the header `name` (compared case-insensitively), or `nil`.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Every value of the header `name` (compared case-insensitively), in order.
    public func headerValues(_ name: String) -> [String] {
        headers.compactMap { $0.name.lowercased() == name.lowercased() ? $0.value : nil }
    }

    /// The body decoded as UTF-8 (invalid bytes become U+FFFD).
    public var text: String {
        String(decoding: body, as: UTF8.self)
    }
}

/// An HTTP request as a value: method, raw path, decoded query, headers and the whole body.
public struct HTTPRequest: Sendable {
    /// The request method.
    public var method: HTTPMethod
    /// The path of the request-target exactly as sent: not percent-decoded, without the query.
    ///
    /// Decode it segment by segment (as `Router` does), so that `%2F` stays inside its segment.
    public var path: String
    /// The query parameters in order, names and values percent-decoded; `+` stays `+`.
    public var query: [(name: String, value: String)]
    /// The request header fields.
    public var headers: HTTPHeaders
    /// The request body (empty when there is none).
    public var body: [UInt8]

    /// Creates a request, for example to call a handler in-process.
    public init(
        method: HTTPMethod,
        path: String,
        query: [(name: String, value: String)] = [],
        headers: HTTPHeaders = [:],
        body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// Creates a request from a request-target such as `/api/v1/projects?displayAll=true`, splitting it at the first
    /// `?` and decoding the query as the server does.
    public init(method: HTTPMethod, target: String, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        if let questionMark = target.utf8.firstIndex(of: UInt8(ascii: "?")) {
            let query = target[target.utf8.index(after: questionMark)...]
            self.init(
                method: method,
                path: String(target[..<questionMark]),
                query: PercentDecoding.parseQuery(query),
                headers: headers,
                body: body
            )
        } else {
            self.init(method: method, path: target, headers: headers, body: body)
        }
    }

    /// The first value of the query parameter `name`, or `nil` when it is absent.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    /// Every value of the query parameter `name`, in order.
    public func queryValues(_ name: String) -> [String] {
        query.compactMap { $0.name == name ? $0.value : nil }
    }

    /// The value of the cookie `name` from the `Cookie` header(s), without surrounding double quotes; `nil` when absent.
    ///
    /// The first cookie of that name wins. Values are not percent-decoded (RFC 6265 does not define an encoding).
    public func cookie(_ name: String) -> String? {
        for header in headers.values(for: "Cookie") {
            for pair in header.split(separator: ";") {
                let trimmed = pair.drop { $0 == " " || $0 == "\t" }
                guard let equals = trimmed.firstIndex(of: "=") else { continue }
                guard trimmed[..<equals].trimmingTrailingBlanks() == name else { continue }
                var value = trimmed[trimmed.index(after: equals)...].trimmingTrailingBlanks()
                    .drop { $0 == " " || $0 == "\t" }
                if value.count >= 2, value.first == "\"", value.last == "\"" {
                    value = value.dropFirst().dropLast()
                }
                return String(value)
            }
        }
        return nil
    }
}

extension Substring {
    fileprivate func trimmingTrailingBlanks() -> Substring {
        var end = endIndex
        while end > startIndex {
            let previous = index(before: end)
            guard self[previous] == " " || self[previous] == "\t" else { break }
            end = previous
        }
        return self[startIndex..<end]
    }
}

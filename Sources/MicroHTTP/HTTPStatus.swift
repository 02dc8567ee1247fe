/// An HTTP response status code, such as `404 Not Found`.
///
/// Any code from 200 to 999 can be sent; `HTTPServer` replaces codes outside that range (including the interim
/// 1xx codes, which are not final answers) with `500 Internal Server Error`.
public struct HTTPStatus: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The numeric status code.
    public let rawValue: Int

    /// Creates a status from its numeric code.
    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// Creates a status from its numeric code.
    public init(_ code: Int) {
        self.rawValue = code
    }

    /// The reason phrase of RFC 9110 (such as `Not Found`), or an empty string for an unregistered code.
    public var reasonPhrase: String {
        Self.reasonPhrases[rawValue] ?? ""
    }

    /// The code and reason phrase, such as `404 Not Found`.
    public var description: String {
        let phrase = reasonPhrase
        return phrase.isEmpty ? String(rawValue) : "\(rawValue) \(phrase)"
    }

    /// Whether the code is in the 2xx range.
    public var isSuccess: Bool { (200...299).contains(rawValue) }

    /// Whether a response with this status never has a body (1xx, 204 and 304).
    public var forbidsBody: Bool { rawValue < 200 || rawValue == 204 || rawValue == 304 }

    /// `100 Continue`.
    public static let `continue` = HTTPStatus(rawValue: 100)
    /// `200 OK`.
    public static let ok = HTTPStatus(rawValue: 200)
    /// `201 Created`.
    public static let created = HTTPStatus(rawValue: 201)
    /// `202 Accepted`.
    public static let accepted = HTTPStatus(rawValue: 202)
    /// `204 No Content`.
    public static let noContent = HTTPStatus(rawValue: 204)
    /// `301 Moved Permanently`.
    public static let movedPermanently = HTTPStatus(rawValue: 301)
    /// `302 Found`.
    public static let found = HTTPStatus(rawValue: 302)
    /// `303 See Other`.
    public static let seeOther = HTTPStatus(rawValue: 303)
    /// `304 Not Modified`.
    public static let notModified = HTTPStatus(rawValue: 304)
    /// `307 Temporary Redirect`.
    public static let temporaryRedirect = HTTPStatus(rawValue: 307)
    /// `308 Permanent Redirect`.
    public static let permanentRedirect = HTTPStatus(rawValue: 308)
    /// `400 Bad Request`.
    public static let badRequest = HTTPStatus(rawValue: 400)
    /// `401 Unauthorized`.
    public static let unauthorized = HTTPStatus(rawValue: 401)
    /// `403 Forbidden`.
    public static let forbidden = HTTPStatus(rawValue: 403)
    /// `404 Not Found`.
    public static let notFound = HTTPStatus(rawValue: 404)
    /// `405 Method Not Allowed`.
    public static let methodNotAllowed = HTTPStatus(rawValue: 405)
    /// `406 Not Acceptable`.
    public static let notAcceptable = HTTPStatus(rawValue: 406)
    /// `408 Request Timeout`.
    public static let requestTimeout = HTTPStatus(rawValue: 408)
    /// `409 Conflict`.
    public static let conflict = HTTPStatus(rawValue: 409)
    /// `410 Gone`.
    public static let gone = HTTPStatus(rawValue: 410)
    /// `411 Length Required`.
    public static let lengthRequired = HTTPStatus(rawValue: 411)
    /// `412 Precondition Failed`.
    public static let preconditionFailed = HTTPStatus(rawValue: 412)
    /// `413 Content Too Large` (called Payload Too Large before RFC 9110).
    public static let payloadTooLarge = HTTPStatus(rawValue: 413)
    /// `414 URI Too Long`.
    public static let uriTooLong = HTTPStatus(rawValue: 414)
    /// `415 Unsupported Media Type`.
    public static let unsupportedMediaType = HTTPStatus(rawValue: 415)
    /// `422 Unprocessable Content` (called Unprocessable Entity before RFC 9110).
    public static let unprocessableEntity = HTTPStatus(rawValue: 422)
    /// `428 Precondition Required`.
    public static let preconditionRequired = HTTPStatus(rawValue: 428)
    /// `429 Too Many Requests`.
    public static let tooManyRequests = HTTPStatus(rawValue: 429)
    /// `431 Request Header Fields Too Large`.
    public static let requestHeaderFieldsTooLarge = HTTPStatus(rawValue: 431)
    /// `500 Internal Server Error`.
    public static let internalServerError = HTTPStatus(rawValue: 500)
    /// `501 Not Implemented`.
    public static let notImplemented = HTTPStatus(rawValue: 501)
    /// `502 Bad Gateway`.
    public static let badGateway = HTTPStatus(rawValue: 502)
    /// `503 Service Unavailable`.
    public static let serviceUnavailable = HTTPStatus(rawValue: 503)
    /// `504 Gateway Timeout`.
    public static let gatewayTimeout = HTTPStatus(rawValue: 504)

    private static let reasonPhrases: [Int: String] = [
        100: "Continue", 101: "Switching Protocols",
        200: "OK", 201: "Created", 202: "Accepted", 203: "Non-Authoritative Information", 204: "No Content",
        205: "Reset Content", 206: "Partial Content",
        300: "Multiple Choices", 301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified",
        307: "Temporary Redirect", 308: "Permanent Redirect",
        400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden", 404: "Not Found",
        405: "Method Not Allowed", 406: "Not Acceptable", 407: "Proxy Authentication Required",
        408: "Request Timeout", 409: "Conflict", 410: "Gone", 411: "Length Required", 412: "Precondition Failed",
        413: "Content Too Large", 414: "URI Too Long", 415: "Unsupported Media Type", 416: "Range Not Satisfiable",
        417: "Expectation Failed", 421: "Misdirected Request", 422: "Unprocessable Content", 423: "Locked",
        424: "Failed Dependency", 425: "Too Early", 426: "Upgrade Required", 428: "Precondition Required",
        429: "Too Many Requests", 431: "Request Header Fields Too Large", 451: "Unavailable For Legal Reasons",
        500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable",
        504: "Gateway Timeout", 505: "HTTP Version Not Supported",
    ]
}

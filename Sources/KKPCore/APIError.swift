/// An error as KKP's API reports it: an HTTP status code, a message and optional details.
///
/// It renders as `{"error":{"code":N,"message":"…","details":[…]}}` (``details`` only when non-empty), and the HTTP
/// status equals ``code``. The static factories carry KKP's own wording, so clients see the messages KKP sends.
public struct APIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The HTTP status code, also written as `error.code`.
    public var code: Int
    /// The message, written as `error.message`.
    public var message: String
    /// Additional messages, written as `error.details` when non-empty.
    public var details: [String]

    /// An error with a code, a message and details.
    public init(code: Int, message: String, details: [String] = []) {
        self.code = code
        self.message = message
        self.details = details
    }

    public var description: String { "\(code) \(message)" + (details.isEmpty ? "" : " \(details)") }

    /// 400 with a message.
    public static func badRequest(_ message: String, details: [String] = []) -> APIError {
        APIError(code: 400, message: message, details: details)
    }

    /// 404 `kind "name" not found`, KKP's `NewNotFound`.
    public static func notFound(kind: String, name: String) -> APIError {
        APIError(code: 404, message: "\(kind) \"\(name)\" not found")
    }

    /// 401 `not authorized`, KKP's `NewNotAuthorized`.
    public static func notAuthorized(details: [String] = []) -> APIError {
        APIError(code: 401, message: "not authorized", details: details)
    }

    /// 403 with a message.
    public static func forbidden(_ message: String) -> APIError {
        APIError(code: 403, message: message)
    }

    /// 409 `kind "name" already exists`, KKP's `NewAlreadyExists`.
    public static func alreadyExists(kind: String, name: String) -> APIError {
        APIError(code: 409, message: "\(kind) \"\(name)\" already exists")
    }

    /// 412 for an `If-Match` that names another version.
    public static func preconditionFailed(_ message: String) -> APIError {
        APIError(code: 412, message: message)
    }

    /// 413 for a body over the limit.
    public static func payloadTooLarge(limit: Int) -> APIError {
        APIError(code: 413, message: "request body too large: the limit is \(limit) bytes")
    }

    /// 415 for a patch format other than JSON merge patch.
    public static func unsupportedMediaType(_ contentType: String) -> APIError {
        APIError(
            code: 415,
            message: "unsupported media type \"\(contentType)\": the body must be a JSON merge patch "
                + "(application/merge-patch+json or application/json)"
        )
    }

    /// 500 for a failure of the server itself.
    public static func internalError(_ message: String) -> APIError {
        APIError(code: 500, message: message)
    }
}

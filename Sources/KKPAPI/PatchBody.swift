import KKPCore
import MicroHTTP

/// Reading the body of a merge-patch request.
enum PatchBody {
    /// The media types that name another patch format: KKP would misread them, kkp-mock refuses them with a 415.
    static let otherPatchTypes: Set<String> = ["application/json-patch+json", "application/strategic-merge-patch+json"]

    /// Parses the body of a PATCH as a JSON merge patch.
    ///
    /// KKP ignores the Content-Type, and so does kkp-mock (a plain `curl -d` sends a form type), except for the two
    /// types of other patch formats.
    /// - Throws: `APIError` 415 for another patch format; 400 `cannot patch cluster: Invalid JSON Patch` with the
    ///   parser's message as detail when the body is not one JSON value.
    static func parse(_ request: HTTPRequest) throws(APIError) -> JSONValue {
        if let contentType = request.headers["Content-Type"] {
            let end = contentType.utf8.firstIndex(of: UInt8(ascii: ";")) ?? contentType.endIndex
            let mediaType = contentType[..<end].trimmingBlanks().lowercased()
            if otherPatchTypes.contains(mediaType) { throw APIError.unsupportedMediaType(mediaType) }
        }
        do {
            return try JSONValue(parsing: request.body)
        } catch {
            throw APIError.badRequest("cannot patch cluster: Invalid JSON Patch", details: [error.description])
        }
    }
}

import KKPCore
import KKPStore
import MicroHTTP

extension HTTPResponse {
    /// KKP's security headers, set on every response (`setSecureHeaders` in `cmd/kubermatic-api/main.go`).
    static let securityHeaders: [(String, String)] = [
        (
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; object-src 'self'; style-src 'self'; img-src 'self'; "
                + "media-src 'self'; frame-ancestors 'self'; frame-src 'self'; connect-src 'self'"
        ),
        ("X-Frame-Options", "DENY"),
        ("X-XSS-Protection", "1; mode=block"),
        ("X-Content-Type-Options", "nosniff"),
    ]

    /// A JSON response whose body is `json` plus the newline Go's `json.Encoder` writes.
    static func json(_ json: [UInt8], status: HTTPStatus = .ok) -> HTTPResponse {
        var body = json
        body.append(UInt8(ascii: "\n"))
        return HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: body)
    }

    /// A JSON response of a value.
    static func json(_ value: JSONValue, status: HTTPStatus = .ok) -> HTTPResponse {
        json(value.serialized(), status: status)
    }

    /// A stored cluster: its effective document, its `ETag` and one `Warning` header per warning.
    static func cluster(_ cluster: StoredCluster, status: HTTPStatus = .ok, warnings: [String] = []) -> HTTPResponse {
        var response = json(cluster.effectiveJSON, status: status)
        response.headers.add("ETag", cluster.etag)
        for warning in warnings { response.headers.add("Warning", warningValue(warning)) }
        return response
    }

    /// KKP's error body, `{"error":{"code":N,"message":"…","details":[…]}}`, with the status equal to the code.
    static func error(_ error: APIError) -> HTTPResponse {
        var detail = JSONObject()
        detail["code"] = .number(JSONNumber(error.code))
        detail["message"] = .string(error.message)
        if !error.details.isEmpty { detail["details"] = .array(error.details.map(JSONValue.string)) }
        return json(["error": .object(detail)], status: HTTPStatus(rawValue: error.code))
    }

    /// gorilla/mux's answer to an unknown path: plain text `404 page not found`.
    static let pageNotFound = HTTPResponse(
        status: .notFound,
        headers: ["Content-Type": "text/plain; charset=utf-8"],
        body: Array("404 page not found\n".utf8)
    )

    /// A `Warning` header value in the Kubernetes form, `299 - "text"`: `"` and `\` escaped, and anything outside
    /// printable ASCII written as `\uXXXX` so the header stays one clean line.
    static func warningValue(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case " "..."~": escaped.unicodeScalars.append(scalar)
            default:
                for unit in String(scalar).utf16 {
                    let hex = String(unit, radix: 16)
                    escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
            }
        }
        return "299 - \"\(escaped)\""
    }
}

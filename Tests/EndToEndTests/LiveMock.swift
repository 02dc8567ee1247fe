import KKPCore
import KKPTesting
import Testing

/// Shorthands for end-to-end tests against a ``MockProcess``.
extension MockProcess {
    /// One request on a fresh connection, as Jane (the demo token) unless `token` says otherwise (nil: no token).
    func request(
        _ method: String, _ target: String, body: String? = nil, headers: [(String, String)] = [], token: String? = "demo-token"
    ) throws -> TestResponse {
        try request(method, target, bytes: body.map { Array($0.utf8) }, headers: headers, token: token)
    }

    /// One request with a raw body, as Jane unless `token` says otherwise.
    func request(
        _ method: String, _ target: String, bytes: [UInt8]?, headers: [(String, String)] = [], token: String? = "demo-token"
    ) throws -> TestResponse {
        let auth = token.map { [("Authorization", "Bearer \($0)")] } ?? []
        return try HTTPTestClient.request(port: port, method: method, target: target, headers: auth + headers, body: bytes)
    }

    /// GET of a path, parsed as JSON, expecting 200.
    func getJSON(_ target: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
        let response = try request("GET", target)
        #expect(response.status == 200, sourceLocation: sourceLocation)
        return try JSONValue(parsing: response.body)
    }
}

/// Paths of the fixtures' clusters.
enum Paths {
    typealias IDs = Fixtures.IDs
    static let stagingV1 = "/api/v1/projects/\(IDs.demoProject)/dc/\(IDs.europeSeed)/clusters/\(IDs.staging)"
    static let stagingV2 = "/api/v2/projects/\(IDs.demoProject)/clusters/\(IDs.staging)"
    static let prodV2 = "/api/v2/projects/\(IDs.demoProject)/clusters/\(IDs.prod)"
    static let stagingURL = "https://w225mx4z66.europe-west3-c.kkp.example.com:31885"
}

extension TestResponse {
    /// The body parsed as JSON.
    var json: JSONValue {
        get throws { try JSONValue(parsing: body) }
    }

    /// Expects KKP's error body with `code` and `message`.
    func expectKKPError(_ code: Int, _ message: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(status == code, sourceLocation: sourceLocation)
        let body = try json
        #expect(body["error"]?["code"] == .number(JSONNumber(code)), sourceLocation: sourceLocation)
        if let message { #expect(body["error"]?["message"] == .string(message), sourceLocation: sourceLocation) }
        #expect(header("Content-Type") == "application/json", sourceLocation: sourceLocation)
    }
}

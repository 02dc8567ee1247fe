import KKPCore
import KKPStore
import KKPTesting
import MicroHTTP
import Testing

@testable import KKPAPI

/// The API in-process over the in-memory store, with a fixed clock and sequential ids.
struct APITestHarness {
    let store: InMemoryStore
    let responder: KKPResponder
    typealias IDs = Fixtures.IDs

    init(configuration: APIConfiguration = .init()) throws {
        store = InMemoryStore(fixtures: try Fixtures.load())
        responder = KKPResponder(
            store: store, configuration: configuration, clock: FixedClock(seconds: 1_700_000_000), ids: SequentialIDGenerator()
        )
    }

    /// Sends a request with `token` as bearer token (nil: none).
    func send(_ method: HTTPMethod, _ path: String, body: String? = nil, headers: HTTPHeaders = [:], token: String? = "demo-token") -> HTTPResponse {
        var headers = headers
        if let token { headers.add("Authorization", "Bearer \(token)") }
        return responder.respond(to: HTTPRequest(method: method, target: path, headers: headers, body: Array((body ?? "").utf8)))
    }
}

extension HTTPResponse {
    /// The body parsed as JSON.
    var json: JSONValue {
        get throws { try JSONValue(parsing: body) }
    }

    /// Expects KKP's error body with `code` and `message`.
    func expectError(_ code: Int, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(status.rawValue == code, sourceLocation: sourceLocation)
        #expect(try json["error"]?["code"] == .number(JSONNumber(code)), sourceLocation: sourceLocation)
        #expect(try json["error"]?["message"] == .string(message), sourceLocation: sourceLocation)
    }
}

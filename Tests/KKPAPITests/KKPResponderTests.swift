import KKPCore
import KKPStore
import KKPTesting
import MicroHTTP
import Testing

@testable import KKPAPI

/// The API in-process: requests as values into the responder, over the in-memory store.
struct KKPResponderTests {
    let api: APITestHarness
    var store: InMemoryStore { api.store }
    var responder: KKPResponder { api.responder }
    typealias IDs = Fixtures.IDs

    init() throws {
        api = try APITestHarness()
    }

    static let v1Staging = "/api/v1/projects/\(IDs.demoProject)/dc/\(IDs.europeSeed)/clusters/\(IDs.staging)"
    static let v2Staging = "/api/v2/projects/\(IDs.demoProject)/clusters/\(IDs.staging)"

    /// Sends a request as Jane (the demo token), or with `token` (nil: none).
    func send(_ method: HTTPMethod, _ path: String, body: String? = nil, headers: HTTPHeaders = [:], token: String? = "demo-token") -> HTTPResponse {
        api.send(method, path, body: body, headers: headers, token: token)
    }

    func json(_ response: HTTPResponse) throws -> JSONValue {
        try JSONValue(parsing: response.body)
    }

    func expectError(_ response: HTTPResponse, _ code: Int, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(response.status.rawValue == code, sourceLocation: sourceLocation)
        let body = try json(response)
        #expect(body["error"]?["code"] == .number(JSONNumber(code)), sourceLocation: sourceLocation)
        #expect(body["error"]?["message"] == .string(message), sourceLocation: sourceLocation)
        #expect(response.headers["Content-Type"] == "application/json", sourceLocation: sourceLocation)
    }

    func storedStaging() throws -> StoredCluster {
        try #require(try store.cluster(id: IDs.staging))
    }

    // MARK: Reads

    @Test(arguments: [v1Staging, v2Staging])
    func getServesTheEffectiveDocument(_ path: String) throws {
        let response = send(.get, path)
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(response.body.last == UInt8(ascii: "\n"))
        let body = try json(response)
        #expect(body["id"] == .string(IDs.staging))
        #expect(body["spec"]?["version"] == "1.19.3")
        #expect(body["status"]?["version"] == "1.19.3")
        #expect(body["spec"]?["serviceAccount"]?["tokenVolumeProjectionEnabled"] == false)
        #expect(response.headers["ETag"] == "\"\(try storedStaging().resourceVersion)\"")
    }

    @Test func everyResponseCarriesKKPSecurityHeaders() {
        for response in [
            send(.get, Self.v2Staging), send(.get, "/nowhere"), send(.delete, "/api/v1/projects"), send(.patch, Self.v2Staging, body: "{"),
        ] {
            #expect(response.headers["X-Frame-Options"] == "DENY")
            #expect(response.headers["X-Content-Type-Options"] == "nosniff")
            #expect(response.headers["X-XSS-Protection"] == "1; mode=block")
            #expect(response.headers["Content-Security-Policy"]?.hasPrefix("default-src 'self'") == true)
        }
    }

    @Test func listsAreArraysOfTheProjectsClustersOldestFirst() throws {
        for path in ["/api/v1/projects/\(IDs.demoProject)/clusters", "/api/v2/projects/\(IDs.demoProject)/clusters"] {
            let ids = try json(send(.get, path)).arrayValue?.compactMap { $0["id"]?.stringValue }
            #expect(ids == [IDs.staging, IDs.prod, IDs.edge])
        }
    }

    @Test func listPerSeedHoldsOnlyThatSeedsClusters() throws {
        let ids = try json(send(.get, "/api/v1/projects/\(IDs.demoProject)/dc/\(IDs.usSeed)/clusters")).arrayValue?.compactMap {
            $0["id"]?.stringValue
        }
        #expect(ids == [IDs.edge])
    }

    @Test func projectsAreListedAndFetched() throws {
        #expect(try json(send(.get, "/api/v1/projects")).arrayValue?.compactMap { $0["id"]?.stringValue } == [IDs.demoProject, IDs.platformProject])
        #expect(try json(send(.get, "/api/v1/projects/\(IDs.platformProject)"))["name"] == "platform")
    }

    @Test func unknownsAreKKPNotFounds() throws {
        try expectError(send(.get, "/api/v1/projects/nope"), 404, #"projects.kubermatic.k8s.io "nope" not found"#)
        try expectError(send(.get, "/api/v2/projects/nope/clusters"), 404, #"projects.kubermatic.k8s.io "nope" not found"#)
        try expectError(send(.get, "/api/v2/projects/\(IDs.demoProject)/clusters/nope"), 404, #"cluster-provider "nope" not found"#)
        try expectError(send(.get, "/api/v2/projects/nope/clusters/\(IDs.staging)"), 404, #"projects.kubermatic.k8s.io "nope" not found"#)
        try expectError(
            send(.get, "/api/v2/projects/\(IDs.platformProject)/clusters/\(IDs.staging)"), 404, #"clusters.kubermatic.k8s.io "w225mx4z66" not found"#)
        try expectError(send(.get, "/api/v1/projects/\(IDs.demoProject)/dc/nope/clusters/\(IDs.staging)"), 404, #"seed "nope" not found"#)
        try expectError(
            send(.get, "/api/v1/projects/\(IDs.demoProject)/dc/\(IDs.usSeed)/clusters/\(IDs.staging)"), 404,
            #"clusters.kubermatic.k8s.io "w225mx4z66" not found"#)
    }

    @Test func unknownPathIsGorillasPlainTextNotFound() {
        for path in [
            "/api/v3/projects", "/api/v1/projects/\(IDs.demoProject)/", "/", "/api/v2/projects/\(IDs.demoProject)/clusters/\(IDs.staging)/extra",
        ] {
            let response = send(.get, path)
            #expect(response.status == .notFound)
            #expect(String(decoding: response.body, as: UTF8.self) == "404 page not found\n")
        }
    }

    @Test func wrongMethodIs405WithAllow() throws {
        for method in ["PUT", "TRACE", "QUERY", "FOO", "POST"] {
            let response = send(HTTPMethod(rawValue: method), Self.v2Staging)
            try expectError(response, 405, "method \(method) is not allowed on \(Self.v2Staging)")
            #expect(response.headers["Allow"]?.contains("PATCH") == true)
            #expect(response.headers["Allow"]?.contains("GET") == true)
        }
    }

    @Test func optionsAnswers204WithAllow() {
        let response = send(.options, Self.v2Staging)
        #expect(response.status == .noContent)
        #expect(response.headers["Allow"]?.contains("PATCH") == true)
        #expect(response.body.isEmpty)
    }

    @Test func swaggerDocumentIsServedAndDescribesEveryOperation() throws {
        let response = send(.get, "/api/swagger.json")
        #expect(response.status == .ok)
        let document = try json(response)
        #expect(document["swagger"] == "2.0")
        var operationIds: Set<String> = []
        for (_, operations) in document["paths"]?.objectValue ?? JSONObject() {
            for (_, operation) in operations.objectValue ?? JSONObject() {
                if let id = operation["operationId"]?.stringValue { operationIds.insert(id) }
            }
        }
        #expect(
            operationIds.isSuperset(of: [
                "listProjects", "getProject", "listClustersForProject", "listClusters", "getCluster", "patchCluster",
                "listClustersV2", "getClusterV2", "patchClusterV2",
            ]))
        for definition in ["Cluster", "ClusterSpec", "ClusterStatus", "ServiceAccountSettings", "errorResponse", "ErrorDetails"] {
            #expect(document["definitions"]?[definition] != nil, "missing \(definition)")
        }
        #expect(document["definitions"]?["Semver"]?["type"] == "string")
    }

    // MARK: PATCH

    @Test(arguments: [v1Staging, v2Staging])
    func patchEnablesProjectionAndDefaults(_ path: String) throws {
        let before = try storedStaging()
        let response = send(.patch, path, body: #"{"spec":{"serviceAccount":{"tokenVolumeProjectionEnabled":true}}}"#)
        #expect(response.status == .ok)
        let body = try json(response)
        let url = "https://w225mx4z66.europe-west3-c.kkp.example.com:31885"
        #expect(body["spec"]?["serviceAccount"] == ["tokenVolumeProjectionEnabled": true, "issuer": .string(url), "apiAudiences": [.string(url)]])
        let after = try storedStaging()
        #expect(after.resourceVersion > before.resourceVersion)
        #expect(response.headers["ETag"] == "\"\(after.resourceVersion)\"")
        #expect(after.effectiveJSON + [UInt8(ascii: "\n")] == response.body)
    }

    @Test func contentTypeIsIgnoredExceptForOtherPatchFormats() throws {
        for type in ["application/x-www-form-urlencoded", "application/json", "application/merge-patch+json", "text/plain", "nonsense"] {
            let response = send(.patch, Self.v2Staging, body: #"{"labels":{"t":"x"}}"#, headers: ["Content-Type": type])
            #expect(response.status == .ok, "\(type)")
        }
        let before = try storedStaging()
        for type in ["application/json-patch+json", "Application/Strategic-Merge-Patch+JSON; charset=utf-8"] {
            let response = send(.patch, Self.v2Staging, body: #"[{"op":"add","path":"/labels/x","value":"y"}]"#, headers: ["Content-Type": type])
            #expect(response.status == .unsupportedMediaType)
            #expect(try json(response)["error"]?["message"]?.stringValue?.contains("application/merge-patch+json") == true)
        }
        #expect(try storedStaging() == before)
    }

    @Test(arguments: [
        ("{", "cannot patch cluster: Invalid JSON Patch"),
        ("", "cannot patch cluster: Invalid JSON Patch"),
        (#"{"a":1}x"#, "cannot patch cluster: Invalid JSON Patch"),
        (#"{"a":1,"a":2}"#, "cannot patch cluster: Invalid JSON Patch"),
        ("null", "cannot patch cluster: Invalid JSON Patch"),
        ("42", "cannot patch cluster: Invalid JSON Patch"),
        ("[1]", "cannot decode patched cluster: json: cannot unmarshal array into Go value of type v1.Cluster"),
        (#"{"spec":{"version":"nope"}}"#, "cannot decode patched cluster: Invalid Semantic Version"),
        (
            #"{"spec":{"version":"1.22.0"}}"#,
            #"invalid cluster: spec.version: Unsupported value: "1.22.0": supported values: "1.19.0", "1.19.2", "1.20.2""#
        ),
        (
            #"{"spec":{"serviceAccount":{"tokenVolumeProjectionEnabled":1}}}"#,
            "cannot decode patched cluster: json: cannot unmarshal number into Go struct field Cluster.spec.serviceAccount.tokenVolumeProjectionEnabled of type bool"
        ),
        (#"{"spec":{"cloud":{"dc":"do-nyc1"}}}"#, "invalid cluster: changing the datacenter is not allowed"),
    ])
    func badPatchIs400AndChangesNothing(_ body: String, _ message: String) throws {
        let before = try storedStaging()
        try expectError(send(.patch, Self.v2Staging, body: body), 400, message)
        #expect(try storedStaging() == before)
    }

    @Test func deepNestingIsRejected() throws {
        let before = try storedStaging()
        let deep = String(repeating: #"{"a":"#, count: 200) + "1" + String(repeating: "}", count: 200)
        let response = send(.patch, Self.v2Staging, body: #"{"labels":"# + deep + "}")
        try expectError(response, 400, "cannot patch cluster: Invalid JSON Patch")
        #expect(try storedStaging() == before)
    }

    @Test func invalidUTF8IsRejected() throws {
        let before = try storedStaging()
        var body = Array(#"{"name":""#.utf8)
        body += [0xC3, 0x28]
        body += Array(#""}"#.utf8)
        let response = responder.respond(
            to: HTTPRequest(method: .patch, path: Self.v2Staging, headers: ["Authorization": "Bearer demo-token"], body: body))
        try expectError(response, 400, "cannot patch cluster: Invalid JSON Patch")
        #expect(try storedStaging() == before)
    }

    @Test func patchOfUnknownProjectOrClusterIs404AndChangesNothing() throws {
        let before = try storedStaging()
        try expectError(
            send(.patch, "/api/v2/projects/nope/clusters/\(IDs.staging)", body: "{}"), 404, #"projects.kubermatic.k8s.io "nope" not found"#)
        try expectError(send(.patch, "/api/v2/projects/\(IDs.demoProject)/clusters/nope", body: "{}"), 404, #"cluster-provider "nope" not found"#)
        try expectError(
            send(.patch, "/api/v2/projects/\(IDs.platformProject)/clusters/\(IDs.staging)", body: #"{"name":"x"}"#), 404,
            #"clusters.kubermatic.k8s.io "w225mx4z66" not found"#)
        #expect(try storedStaging() == before)
    }

    @Test func readOnlyFieldsAnswerWithWarningsInKubernetesForm() throws {
        let response = send(.patch, Self.v2Staging, body: #"{"id":"x","status":{"url":"y"}}"#)
        #expect(response.status == .ok)
        #expect(
            response.headers.values(for: "Warning") == [
                #"299 - "id is read-only: the change was ignored""#, #"299 - "status is read-only: the change was ignored""#,
            ])
        #expect(try json(response)["id"] == .string(IDs.staging))
    }

    @Test func falseOn120AnswersWithAWarning() throws {
        let path = "/api/v2/projects/\(IDs.demoProject)/clusters/\(IDs.edge)"
        let response = send(.patch, path, body: #"{"spec":{"serviceAccount":{"tokenVolumeProjectionEnabled":false}}}"#)
        #expect(response.status == .ok)
        #expect(try json(response)["spec"]?["serviceAccount"]?["tokenVolumeProjectionEnabled"] == true)
        #expect(response.headers.values(for: "Warning").count == 1)
    }

    @Test func noOpPatchKeepsTheETag() throws {
        let before = try storedStaging()
        let response = send(.patch, Self.v2Staging, body: "{}")
        #expect(response.headers["ETag"] == "\"\(before.resourceVersion)\"")
        #expect(try storedStaging() == before)
    }

    @Test func ifMatchGuardsTheWrite() throws {
        let before = try storedStaging()
        try expectError(
            send(.patch, Self.v2Staging, body: #"{"name":"x"}"#, headers: ["If-Match": "\"999\""]), 412,
            #"the cluster "w225mx4z66" has been modified: If-Match "999" does not match ETag "\#(before.resourceVersion)""#)
        #expect(try storedStaging() == before)
        #expect(send(.patch, Self.v2Staging, body: #"{"name":"x"}"#, headers: ["If-Match": "\"\(before.resourceVersion)\""]).status == .ok)
        #expect(send(.patch, Self.v2Staging, body: #"{"name":"y"}"#, headers: ["If-Match": "*"]).status == .ok)
    }

    @Test func warningValuesEscapeQuotesAndNonASCII() {
        #expect(HTTPResponse.warningValue(#"a "b" \ c é"#) == #"299 - "a \"b\" \\ c \u00e9""#)
    }
}

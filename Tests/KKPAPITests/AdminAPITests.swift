import KKPCore
import KKPStore
import KKPTesting
import MicroHTTP
import Synchronization
import Testing

@testable import KKPAPI

/// The admin API and `/healthz` in-process, over the in-memory store, with a fixed clock and sequential ids.
struct AdminAPITests {
    typealias IDs = Fixtures.IDs
    static let staging = "/api/v2/projects/\(IDs.demoProject)/clusters/\(IDs.staging)"
    static let clusters = "/api/v2/projects/\(IDs.demoProject)/clusters"
    static let createBody = #"{"cluster":{"name":"new","spec":{"cloud":{"dc":"hetzner-nbg1"},"version":"1.20.2"}}}"#

    let store: InMemoryStore
    let responder: KKPResponder
    let logLines = LogLines()

    /// Captured access log lines.
    final class LogLines: Sendable {
        let lines = Mutex<[String]>([])
        func append(_ bytes: [UInt8]) { lines.withLock { $0.append(String(decoding: bytes, as: UTF8.self)) } }
        var all: [String] { lines.withLock { $0 } }
    }

    /// Fixtures by directory name without the disk: `fixtures` and `variant`; anything else is missing.
    static let loadFixtures: @Sendable (String) throws(FixtureError) -> FixtureSet = { directory throws(FixtureError) in
        do {
            switch directory {
            case "fixtures": return try Fixtures.load()
            case "variant": return try Fixtures.loadVariant()
            default: break
            }
        } catch {
            throw FixtureError(directory, "\(error)")
        }
        throw FixtureError(directory + "/versions.json", "cannot read the file")
    }

    init(accessLog: AccessLogFormat = .text, journalCapacity: Int = 1000, noAuth: Bool = false) throws {
        store = InMemoryStore(fixtures: try Fixtures.load())
        let lines = logLines
        let sandbox = Sandbox(
            configuration: SandboxConfiguration(fixturesDirectory: "fixtures", journalCapacity: journalCapacity, accessLog: accessLog),
            loadFixtures: Self.loadFixtures, writeLine: { lines.append($0) }
        )
        responder = KKPResponder(
            store: store, configuration: APIConfiguration(noAuth: noAuth), clock: FixedClock(seconds: CommandLineOptions.deterministicTime),
            ids: SequentialIDGenerator(), sandbox: sandbox
        )
    }

    /// Sends a request; API paths get Jane's token unless `token` is nil.
    func send(_ method: HTTPMethod, _ target: String, body: String? = nil, token: String? = "demo-token") -> HTTPResponse {
        var headers: HTTPHeaders = [:]
        if let token, !Sandbox.isMockPath(target) { headers.add("Authorization", "Bearer \(token)") }
        return responder.respond(to: HTTPRequest(method: method, target: target, headers: headers, body: Array((body ?? "").utf8)))
    }

    func json(_ method: HTTPMethod, _ target: String, body: String? = nil) throws -> JSONValue {
        try send(method, target, body: body).json
    }

    /// Everything an admin call could change: the stored clusters, the journal and the fault rules.
    func observableState() throws -> [JSONValue] {
        let clusters = try store.clusters(projectID: IDs.demoProject).map { try JSONValue(parsing: $0.effectiveJSON) }
        return [.array(clusters), try json(.get, "/__mock/journal"), try json(.get, "/__mock/faults")]
    }

    // MARK: /healthz

    @Test func healthzAnswersWithoutATokenAndIsNeitherJournaledNorFaulted() throws {
        _ = send(.post, "/__mock/faults", body: #"{"path":"/**","response":{"status":503}}"#)
        let response = send(.get, "/healthz")
        #expect(response.status == .ok)
        #expect(try response.json == ["status": "ok"])
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(send(.head, "/healthz").status == .ok)
        #expect(send(.get, "/healthz?probe=1").status == .ok)
        #expect(try json(.get, "/__mock/journal")["entries"] == [])
    }

    // MARK: reset

    @Test func resetPutsBackClustersAndEmptiesJournalAndFaultsAndRestartsIds() throws {
        let original = send(.get, Self.staging).body
        #expect(send(.patch, Self.staging, body: #"{"labels":{"env":"qa"}}"#).status == .ok)
        let created = try json(.post, Self.clusters, body: Self.createBody)
        #expect(created["id"] == "bbbbbbbbbc")
        #expect(send(.post, "/__mock/faults", body: #"{"path":"/nothing","delayMs":5}"#).status == .created)

        let reset = send(.post, "/__mock/reset")
        #expect(reset.status == .ok)
        #expect(try reset.json == ["fixtures": "fixtures", "projects": 2, "clusters": 5])

        #expect(send(.get, Self.staging).body == original)
        #expect(send(.get, Self.clusters + "/bbbbbbbbbc").status == .notFound)
        #expect(try json(.get, "/__mock/faults") == ["faults": []])
        let journal = try json(.get, "/__mock/journal")
        #expect(journal["recorded"] == 2 && journal["entries"]?.arrayValue?.first?["id"] == 1)  // the two GETs above
        #expect(try json(.post, Self.clusters, body: Self.createBody)["id"] == "bbbbbbbbbc")
        #expect(try json(.post, "/__mock/faults", body: #"{"path":"/nothing","delayMs":5}"#)["id"] == 1)
    }

    @Test func resetToAnotherDirectoryReplacesVersionsAndTheRulesFollow() throws {
        #expect(send(.patch, Self.staging, body: #"{"spec":{"version":"1.20.2"}}"#).status == .ok)
        #expect(send(.patch, Self.staging, body: #"{"spec":{"version":"1.21.0"}}"#).status == .badRequest)
        let reset = send(.post, "/__mock/reset", body: #"{"fixtures":"variant"}"#)
        #expect(try reset.json == ["fixtures": "variant", "projects": 2, "clusters": 1])
        #expect(try json(.get, Self.staging)["name"] == "staging-variant")
        #expect(send(.patch, Self.staging, body: #"{"spec":{"version":"1.20.2"}}"#).status == .ok)
        #expect(try json(.patch, Self.staging, body: #"{"spec":{"version":"1.21.0"}}"#)["spec"]?["version"] == "1.21.0")
        #expect(try json(.get, Self.clusters).arrayValue?.count == 1)
        #expect(send(.post, "/__mock/reset", body: "{}").status == .ok)
        #expect(try json(.get, Self.clusters).arrayValue?.count == 3)
    }

    @Test(arguments: [
        ("", "[]", 400, "the body must be a JSON object, not an array"),
        ("", "{", 400, "invalid JSON"),
        ("", #"{"fixtures":1}"#, 400, "fixtures must be a string, not the number 1"),
        ("", #"{"fixtures":""}"#, 400, "fixtures must name a directory"),
        ("", #"{"fixture":"variant"}"#, 400, #"unknown field "fixture" (accepted: fixtures)"#),
        ("", #"{"fixtures":"missing"}"#, 400, #"cannot load fixtures from "missing""#),
        ("?fixtures=variant", "", 400, #"unknown query parameter "fixtures" (accepted: none)"#),
    ])
    func badResetInputIsA400AndChangesNothing(_ query: String, _ body: String, _ code: Int, _ message: String) throws {
        _ = send(.patch, Self.staging, body: #"{"labels":{"env":"qa"}}"#)
        _ = send(.post, "/__mock/faults", body: #"{"path":"/nothing","delayMs":5}"#)
        let before = try observableState()
        try send(.post, "/__mock/reset" + query, body: body).expectError(code, message)
        #expect(try observableState() == before)
    }

    @Test func missingFixturesNameTheFileInTheDetails() throws {
        let response = send(.post, "/__mock/reset", body: #"{"fixtures":"missing"}"#)
        #expect(try response.json["error"]?["details"] == ["missing/versions.json: cannot read the file"])
    }

    // MARK: journal

    @Test func journalRecordsAPIRequestsButNotTheMocksOwn() throws {
        _ = send(.get, "/healthz")
        _ = send(.get, "/__mock/faults")
        _ = send(.patch, Self.staging + "?dryRun=1", body: #"{"labels":{"env":"qa"}}"#)
        _ = send(.get, "/api/v1/projects", token: nil)
        _ = send(.get, "/nowhere")
        let journal = try json(.get, "/__mock/journal")
        #expect(journal["capacity"] == 1000 && journal["recorded"] == 3)
        let entries = try #require(journal["entries"]?.arrayValue)
        #expect(entries.map { $0["request"]?["path"] } == [.string(Self.staging), "/api/v1/projects", "/nowhere"])
        #expect(entries.map { $0["response"]?["status"] } == [200, 401, 404])
        let patch = entries[0]
        #expect(patch["id"] == 1)
        #expect(patch["time"] == "2021-02-15T12:00:00.000Z")
        #expect(patch["request"]?["method"] == "PATCH")
        #expect(patch["request"]?["query"] == ["dryRun": ["1"]])
        #expect(patch["request"]?["headers"]?["Authorization"] == ["Bearer demo-token"])
        #expect(patch["request"]?["body"] == #"{"labels":{"env":"qa"}}"#)
        #expect(patch["response"]?["headers"]?["ETag"] == [#""6""#])
        #expect(patch["response"]?["headers"]?["Date"] == ["Mon, 15 Feb 2021 12:00:00 GMT"])
        #expect(try JSONValue(parsing: Array(patch["response"]?["body"]?.stringValue?.utf8 ?? "".utf8))["labels"] == ["env": "qa"])
        #expect(patch["fault"] == nil)
    }

    @Test func journalFiltersAndClears() throws {
        _ = send(.get, Self.staging)
        _ = send(.patch, Self.staging, body: #"{"labels":{"env":"qa"}}"#)
        _ = send(.patch, Self.staging, body: #"{"spec":{"version":"9.9.9"}}"#)
        _ = send(.get, "/api/v1/projects")
        func paths(_ query: String) throws -> [String] {
            try json(.get, "/__mock/journal" + query)["entries"]?.arrayValue?.compactMap { $0["request"]?["method"]?.stringValue } ?? []
        }
        #expect(try paths("?method=PATCH") == ["PATCH", "PATCH"])
        #expect(try paths("?method=patch&status=400") == ["PATCH"])
        #expect(try paths("?path=/api/v2/projects/{project_id}/clusters/{cluster_id}") == ["GET", "PATCH", "PATCH"])
        #expect(try paths("?limit=1") == ["GET"])
        #expect(try json(.delete, "/__mock/journal") == ["removed": 4])
        #expect(try json(.get, "/__mock/journal") == ["capacity": 1000, "recorded": 0, "entries": []])
        _ = send(.get, Self.staging)
        #expect(try json(.get, "/__mock/journal")["entries"]?.arrayValue?.first?["id"] == 5)  // ids go on after a clear
    }

    @Test func journalOfSizeZeroKeepsNothing() throws {
        let api = try AdminAPITests(journalCapacity: 0)
        _ = api.send(.get, Self.staging)
        #expect(try api.json(.get, "/__mock/journal") == ["capacity": 0, "recorded": 1, "entries": []])
    }

    // MARK: faults

    @Test func faultRuleAnswersInsteadOfTheAPIForItsCountThenGoes() throws {
        let before = send(.get, Self.staging).body
        let added = send(
            .post, "/__mock/faults", body: #"{"method":"PATCH","path":"/api/v2/projects/*/clusters/*","response":{"status":503},"times":2}"#)
        #expect(added.status == .created)
        #expect(added.headers["Location"] == "/__mock/faults/1")
        #expect(
            try added.json == [
                "id": 1, "method": "PATCH", "path": "/api/v2/projects/*/clusters/*", "delayMs": 0, "response": ["status": 503],
                "times": 2, "remaining": 2, "matched": 0,
            ])
        let faulted = send(.patch, Self.staging, body: #"{"labels":{"env":"qa"}}"#)
        try faulted.expectError(503, "fault injected by kkp-mock")
        #expect(faulted.headers["X-Frame-Options"] == "DENY")
        #expect(try json(.get, "/__mock/faults/1")["remaining"] == 1)
        #expect(send(.get, Self.staging).body == before)  // GET does not match; the PATCH changed nothing
        #expect(send(.patch, Self.staging, body: #"{"labels":{"env":"qa"}}"#).status.rawValue == 503)
        try send(.get, "/__mock/faults/1").expectError(404, #"fault "1" not found"#)
        #expect(send(.patch, Self.staging, body: #"{"labels":{"env":"qa"}}"#).status == .ok)
        let faults = try json(.get, "/__mock/journal?method=PATCH")["entries"]?.arrayValue?.map { $0["fault"] }
        #expect(faults == [1, 1, nil])
    }

    @Test func delayedRuleGivesADeferredAnswerThatTheAPIMakesWhenTheDelayIsOver() throws {
        _ = send(.post, "/__mock/faults", body: #"{"method":"PATCH","path":"/api/**","delayMs":1500}"#)
        let response = send(.patch, Self.staging, body: #"{"labels":{"env":"late"}}"#)
        let deferral = try #require(response.deferral)
        #expect(deferral.delay == .milliseconds(1500))
        #expect(try json(.get, Self.staging)["labels"] == ["env": "staging"])  // nothing done yet
        #expect(try json(.get, "/__mock/journal?method=PATCH")["entries"] == [])
        let answer = deferral.produce()
        #expect(try answer.json["labels"] == ["env": "late"])
        #expect(try json(.get, "/__mock/journal?method=PATCH")["entries"]?.arrayValue?.first?["fault"] == 1)
        #expect(logLines.all.contains { $0.contains("PATCH \(Self.staging) 200 ") && $0.hasSuffix(" fault=1\n") })
    }

    @Test func faultsAreListedFetchedAndRemoved() throws {
        _ = send(.post, "/__mock/faults", body: #"{"path":"/a","delayMs":1}"#)
        _ = send(.post, "/__mock/faults", body: #"{"path":"/b","response":{"status":500,"bodyText":"boom"}}"#)
        #expect(try json(.get, "/__mock/faults")["faults"]?.arrayValue?.map { $0["path"] } == ["/a", "/b"])
        #expect(try json(.get, "/__mock/faults/2")["response"] == ["status": 500, "bodyText": "boom"])
        #expect(try json(.delete, "/__mock/faults/1")["path"] == "/a")
        try send(.delete, "/__mock/faults/1").expectError(404, #"fault "1" not found"#)
        #expect(try json(.delete, "/__mock/faults") == ["removed": 1])
        #expect(try json(.get, "/__mock/faults") == ["faults": []])
        #expect(try json(.post, "/__mock/faults", body: #"{"path":"/c","delayMs":1}"#)["id"] == 3)
    }

    @Test func mockPathsAreNeverFaulted() throws {
        _ = send(.post, "/__mock/faults", body: #"{"path":"/**","response":{"status":500}}"#)
        #expect(send(.get, "/__mock/faults").status == .ok)
        #expect(send(.get, "/healthz").status == .ok)
        #expect(send(.get, "/api/v1/projects").status.rawValue == 500)
    }

    // MARK: bad input everywhere

    @Test(arguments: [
        (HTTPMethod.get, "/__mock/journal?limit=-1", "", 400, #"invalid limit "-1": expected a positive number"#),
        (.get, "/__mock/journal?verbose=1", "", 400, #"unknown query parameter "verbose" (accepted: method, path, status, limit)"#),
        (.delete, "/__mock/journal?method=GET", "", 400, #"unknown query parameter "method" (accepted: none)"#),
        (.get, "/__mock/faults?all=1", "", 400, #"unknown query parameter "all" (accepted: none)"#),
        (.post, "/__mock/faults", "", 400, "invalid JSON"),
        (.post, "/__mock/faults", "not json", 400, "invalid JSON"),
        (.post, "/__mock/faults", #"{"path":"/x","delayMs":1,"path":"/y"}"#, 400, "invalid JSON"),
        (.post, "/__mock/faults", #""/x""#, 400, "the body must be a JSON object, not a string"),
        (.post, "/__mock/faults", #"{"path":"/x","delayMs":-5}"#, 400, "delayMs must be from 0 to 60000, not -5"),
        (.post, "/__mock/faults", #"{"path":"/x","delayMs":1,"times":0}"#, 400, "times must be from 1 to 2147483647, not 0"),
        (.delete, "/__mock/faults?id=1", "", 400, #"unknown query parameter "id" (accepted: none)"#),
        (.get, "/__mock/faults/abc", "", 400, #"invalid fault id "abc": expected a positive number"#),
        (.get, "/__mock/faults/-1", "", 400, #"invalid fault id "-1": expected a positive number"#),
        (.get, "/__mock/faults/01", "", 400, #"invalid fault id "01": expected a positive number"#),
        (.delete, "/__mock/faults/0", "", 400, #"invalid fault id "0": expected a positive number"#),
        (.get, "/__mock/faults/99", "", 404, #"fault "99" not found"#),
        (.delete, "/__mock/faults/99", "", 404, #"fault "99" not found"#),
        (.put, "/__mock/faults", "{}", 405, "method PUT is not allowed on /__mock/faults"),
        (.get, "/__mock/reset", "", 405, "method GET is not allowed on /__mock/reset"),
        (.get, "/__mock/nothing", "", 404, #""/__mock/nothing" is not an endpoint of kkp-mock's admin API"#),
        (.get, "/__mock", "", 404, #""/__mock" is not an endpoint of kkp-mock's admin API"#),
    ])
    func badAdminInputIsAClearErrorAndChangesNothing(_ method: HTTPMethod, _ target: String, _ body: String, _ code: Int, _ message: String) throws {
        _ = send(.patch, Self.staging, body: #"{"labels":{"env":"qa"}}"#)
        _ = send(.post, "/__mock/faults", body: #"{"path":"/nothing","delayMs":5}"#)
        let before = try observableState()
        let response = send(method, target, body: body)
        try response.expectError(code, message)
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(try observableState() == before)
    }

    @Test func wrongMethodOnAnAdminPathNamesTheAllowedOnes() {
        let response = send(.patch, "/__mock/journal")
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers["Allow"] == "GET, HEAD, DELETE, OPTIONS")
        #expect(send(.options, "/__mock/faults/1").headers["Allow"] == "GET, HEAD, DELETE, OPTIONS")
    }

    @Test func adminAPIIgnoresTokensAndNoAuth() throws {
        let open = try AdminAPITests(noAuth: true)
        #expect(open.send(.get, "/__mock/journal").status == .ok)
        var headers: HTTPHeaders = [:]
        headers.add("Authorization", "Bearer wrong-token")
        #expect(responder.respond(to: HTTPRequest(method: .get, target: "/__mock/faults", headers: headers)).status == .ok)
    }

    // MARK: Swagger

    @Test(arguments: [
        ("get", "/healthz", "healthz"), ("post", "/__mock/reset", "mockReset"), ("get", "/__mock/journal", "mockGetJournal"),
        ("delete", "/__mock/journal", "mockClearJournal"), ("get", "/__mock/faults", "mockListFaults"),
        ("post", "/__mock/faults", "mockAddFault"), ("delete", "/__mock/faults", "mockRemoveAllFaults"),
        ("get", "/__mock/faults/{fault_id}", "mockGetFault"), ("delete", "/__mock/faults/{fault_id}", "mockRemoveFault"),
    ])
    func swaggerDocumentDescribesEveryMockRouteUnderItsTag(_ method: String, _ path: String, _ operationId: String) throws {
        let document = try json(.get, "/api/swagger.json")
        let operation = try #require(document["paths"]?[path]?[method])
        #expect(operation["operationId"] == .string(operationId))
        #expect(operation["tags"] == ["mock"])
        #expect(operation["security"] == [])
        #expect(document["tags"]?.arrayValue?.contains { $0["name"] == "mock" } == true)
        for (status, response) in operation["responses"]?.objectValue ?? JSONObject() {
            let reference = try #require(response["schema"]?["$ref"]?.stringValue, "\(status) of \(operationId) has no schema")
            #expect(document["definitions"]?[String(reference.dropFirst("#/definitions/".count))] != nil, "\(reference) is missing")
        }
        // The route table serves what the document says.
        let served = send(HTTPMethod(rawValue: method.uppercased()), path.hasSuffix("{fault_id}") ? String(path.dropLast(10)) + "1" : path)
        #expect(served.status != .methodNotAllowed && served.headers["Content-Type"] == "application/json")
    }

    // MARK: deterministic answers, access log

    /// The same requests on two fresh servers in the deterministic setup get the same bytes: status, every header
    /// (`Date` included) and body; after a reset, the same again.
    @Test func sameRequestsGiveByteIdenticalAnswers() throws {
        let script: [(HTTPMethod, String, String?)] = [
            (.get, Self.staging, nil), (.patch, Self.staging, #"{"spec":{"version":"1.20.2"}}"#),
            (.post, Self.clusters, Self.createBody),
            (
                .post, "/api/v1/projects/\(IDs.demoProject)/dc/us-central1/clusters",
                #"{"cluster":{"name":"two","spec":{"cloud":{"dc":"gcp-us-central1-a"},"version":"1.19.3"}}}"#
            ),
            (.get, Self.clusters, nil), (.post, "/__mock/faults", #"{"path":"/api/v1/**","response":{"status":418}}"#),
            (.get, "/api/v1/projects", nil), (.get, "/__mock/journal", nil), (.get, "/__mock/faults", nil),
        ]
        func run(_ api: AdminAPITests) -> [String] {
            script.map { method, target, body in
                let response = api.send(method, target, body: body)
                return "\(response.status.rawValue)\n\(response.headers)\n\(String(decoding: response.body, as: UTF8.self))"
            }
        }
        let first = try AdminAPITests()
        let answers = run(first)
        #expect(answers == run(try AdminAPITests()))
        #expect(answers[2].contains(#""id":"bbbbbbbbbc""#))
        #expect(answers[0].contains("Date: Mon, 15 Feb 2021 12:00:00 GMT"))
        _ = first.send(.post, "/__mock/reset")
        #expect(run(first) == answers)
    }

    @Test func accessLogHasALinePerRequestIncludingTheMocksOwn() throws {
        _ = send(.get, "/healthz")
        _ = send(.get, Self.staging + "?token=secret")
        _ = send(.post, "/__mock/reset", body: "[]")
        let lines = logLines.all
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("2021-02-15T12:00:00.000Z GET /healthz 200 "))
        #expect(lines[1].hasPrefix("2021-02-15T12:00:00.000Z GET \(Self.staging) 200 "))
        #expect(!lines[1].contains("secret"))
        #expect(lines[2].hasPrefix("2021-02-15T12:00:00.000Z POST /__mock/reset 400 "))
        #expect(lines.allSatisfy { $0.hasSuffix("ms\n") && $0.filter { $0 == "\n" }.count == 1 })

        let json = try AdminAPITests(accessLog: .json)
        _ = json.send(.get, "/healthz")
        let line = try #require(json.logLines.all.first)
        let object = try JSONValue(parsing: Array(line.utf8.dropLast()))
        #expect(object["method"] == "GET" && object["path"] == "/healthz" && object["status"] == 200)
        #expect(object["durationMs"]?.numberValue != nil)

        let quiet = try AdminAPITests(accessLog: .off)
        _ = quiet.send(.get, "/healthz")
        #expect(quiet.logLines.all.isEmpty)
    }
}

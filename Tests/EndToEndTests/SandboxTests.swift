import Foundation
import KKPCore
import KKPTesting
import Testing

/// The sandbox and CI features on the real binary: /healthz, reset, journal, faults and latency, the deterministic
/// mode, the access log, and the new flags. Each test has its own processes, so they run in parallel.
struct SandboxTests {
    @Test func healthzAnswersWithoutATokenAtOnce() throws {
        let mock = try MockProcess()
        defer { mock.stop() }
        let response = try mock.request("GET", "/healthz", token: nil)
        #expect(response.status == 200)
        #expect(try response.json == ["status": "ok"])
        #expect(response.header("Content-Type") == "application/json")
    }

    /// On a database file: reset puts back the fixtures, also after a restart, and can load another directory.
    @Test func resetRestoresTheFixturesOrLoadsAnotherDirectory() throws {
        let mock = try MockProcess()
        defer { mock.stop() }
        let original = try mock.request("GET", Paths.stagingV2).body
        #expect(try mock.request("PATCH", Paths.stagingV2, body: #"{"labels":{"env":"qa"}}"#).status == 200)
        #expect(try mock.request("DELETE", Paths.prodV2).status == 200)
        #expect(mock.stop() == 0)
        try mock.start()
        #expect(try mock.request("GET", Paths.prodV2).status == 404)  // the file kept the changes

        let reset = try mock.request("POST", "/__mock/reset", token: nil)
        #expect(reset.status == 200)
        #expect(try reset.json["clusters"] == 5)
        #expect(try mock.request("GET", Paths.stagingV2).body == original)
        #expect(try mock.request("GET", Paths.prodV2).status == 200)

        let variant = mock.directory + "/variant-fixtures"
        try Fixtures.write(try Fixtures.variantFiles(), to: variant)
        let other = try mock.request("POST", "/__mock/reset", body: #"{"fixtures":"\#(variant)"}"#, token: nil)
        #expect(try other.json == ["fixtures": .string(variant), "projects": 2, "clusters": 1])
        #expect(try mock.getJSON(Paths.stagingV2)["name"] == "staging-variant")
        #expect(try mock.request("GET", Paths.prodV2).status == 404)

        let missing = try mock.request("POST", "/__mock/reset", body: #"{"fixtures":"\#(mock.directory)/none"}"#, token: nil)
        try missing.expectKKPError(400, #"cannot load fixtures from "\#(mock.directory)/none""#)
        #expect(try mock.getJSON(Paths.stagingV2)["name"] == "staging-variant")  // unchanged
    }

    @Test func journalShowsAPIRequestsWithFiltersAndClears() throws {
        let mock = try MockProcess()
        defer { mock.stop() }
        _ = try mock.request("GET", "/healthz", token: nil)
        _ = try mock.request("PATCH", Paths.stagingV2, body: #"{"labels":{"env":"qa"}}"#)
        _ = try mock.request("GET", Paths.stagingV2)
        _ = try mock.request("GET", "/api/v1/projects", token: nil)
        let all = try mock.request("GET", "/__mock/journal", token: nil).json
        #expect(all["recorded"] == 3)
        let patches = try mock.request("GET", "/__mock/journal?method=PATCH", token: nil).json["entries"]?.arrayValue ?? []
        #expect(patches.count == 1)
        #expect(patches.first?["request"]?["body"] == #"{"labels":{"env":"qa"}}"#)
        #expect(patches.first?["response"]?["status"] == 200)
        let unauthorized = try mock.request("GET", "/__mock/journal?status=401", token: nil).json["entries"]?.arrayValue ?? []
        #expect(unauthorized.map { $0["request"]?["path"] } == ["/api/v1/projects"])
        #expect(try mock.request("DELETE", "/__mock/journal", token: nil).json == ["removed": 3])
        #expect(try mock.request("GET", "/__mock/journal", token: nil).json["entries"] == [])
    }

    @Test func faultAnswersForItsCountAndThenTheAPIAgain() throws {
        let mock = try MockProcess()
        defer { mock.stop() }
        let rule =
            #"{"method":"GET","path":"/api/v2/projects/{project_id}/clusters/*","response":{"status":503,"headers":{"Retry-After":"1"}},"times":2}"#
        let added = try mock.request("POST", "/__mock/faults", body: rule, token: nil)
        #expect(added.status == 201)
        #expect(added.header("Location") == "/__mock/faults/1")
        for _ in 0..<2 {
            let faulted = try mock.request("GET", Paths.stagingV2)
            try faulted.expectKKPError(503, "fault injected by kkp-mock")
            #expect(faulted.header("Retry-After") == "1")
        }
        #expect(try mock.request("GET", Paths.stagingV2).status == 200)
        #expect(try mock.request("GET", "/__mock/faults", token: nil).json == ["faults": []])
    }

    /// More delayed requests than worker threads: an ordinary request is answered before any of them (the journal
    /// records answers in the order they are sent), and each delayed one gets the API's answer after its delay.
    @Test func delayedRequestsDoNotBlockOtherRequests() throws {
        let mock = try MockProcess()
        defer { mock.stop() }
        let rule = #"{"method":"GET","path":"/api/v1/projects","delayMs":1500}"#
        #expect(try mock.request("POST", "/__mock/faults", body: rule, token: nil).status == 201)
        let delayed = try (0..<4).map { _ in try HTTPTestClient(port: mock.port) }
        let sent = Date()
        for client in delayed {
            try client.sendRaw("GET /api/v1/projects HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer demo-token\r\n\r\n")
        }
        #expect(try mock.request("GET", Paths.stagingV2).status == 200)
        for client in delayed {
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(try response.json.arrayValue?.count == 2)
        }
        #expect(Date().timeIntervalSince(sent) >= 1.5)
        let order = try mock.request("GET", "/__mock/journal", token: nil).json["entries"]?.arrayValue?.map { $0["request"]?["path"] }
        #expect(order == [.string(Paths.stagingV2)] + Array(repeating: "/api/v1/projects", count: 4))
        let faults = try mock.request("GET", "/__mock/journal?path=/api/v1/projects", token: nil).json["entries"]?.arrayValue
        #expect(faults?.allSatisfy { $0["fault"] == 1 } == true)
    }

    /// Two runs of `--deterministic` answer the same requests with the same bytes (status line, every header,
    /// `Date` included, and body), also after a reset.
    @Test func deterministicRunsGiveByteIdenticalAnswers() throws {
        let script: [(String, String, String?)] = [
            ("GET", Paths.stagingV1, nil),
            ("PATCH", Paths.stagingV1, #"{"spec":{"version":"1.20.2","serviceAccount":{"tokenVolumeProjectionEnabled":false}}}"#),
            (
                "POST", "/api/v2/projects/\(Fixtures.IDs.demoProject)/clusters",
                #"{"cluster":{"name":"ci","spec":{"cloud":{"dc":"hetzner-nbg1"},"version":"1.20.2"}}}"#
            ),
            ("GET", "/api/v2/projects/\(Fixtures.IDs.demoProject)/clusters", nil),
            ("POST", "/__mock/faults", #"{"path":"/api/v1/projects","response":{"status":500}}"#),
            ("GET", "/api/v1/projects", nil),
            ("GET", "/__mock/journal", nil),
            ("GET", "/__mock/faults", nil),
        ]
        func run(_ mock: MockProcess) throws -> [String] {
            let client = try HTTPTestClient(port: mock.port)
            return try script.map { method, target, body in
                let response = try client.send(
                    method, target, headers: [("Host", "kkp-mock"), ("Authorization", "Bearer demo-token")], body: body.map { Array($0.utf8) }
                )
                let headers = response.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
                return "\(response.status) \(response.reason)\n\(headers)\n\n\(response.text)"
            }
        }
        let first = try MockProcess(arguments: ["--deterministic"], database: ":memory:")
        defer { first.stop() }
        let second = try MockProcess(arguments: ["--deterministic"], database: ":memory:")
        defer { second.stop() }
        let answers = try run(first)
        #expect(try run(second) == answers)
        #expect(answers[0].contains("Date: Mon, 15 Feb 2021 12:00:00 GMT"))
        #expect(answers[2].contains(#""id":"bbbbbbbbbc""#) && answers[2].contains(#""creationTimestamp":"2021-02-15T12:00:00Z""#))
        #expect(try first.request("POST", "/__mock/reset", token: nil).status == 200)
        #expect(try run(first) == answers)
    }

    @Test func accessLogIsOneLinePerRequestInTextOrJSONOrNone() throws {
        let text = try MockProcess()
        _ = try text.request("PATCH", Paths.stagingV2 + "?token=demo-token", body: #"{"labels":{"env":"qa"}}"#, token: nil)
        let line = try #require(text.waitForStandardErrorLine(containing: "PATCH "))
        let fields = line.split(separator: " ")
        #expect(fields.count == 5)
        #expect(fields[1] == "PATCH" && fields[2] == Paths.stagingV2 && fields[3] == "200" && fields[4].hasSuffix("ms"))
        #expect(!line.contains("demo-token"))
        text.stop()

        let json = try MockProcess(arguments: ["--access-log", "json"])
        _ = try json.request("GET", "/healthz", token: nil)
        let jsonLine = try #require(json.waitForStandardErrorLine(containing: "/healthz"))
        let object = try JSONValue(parsing: Array(jsonLine.utf8))
        #expect(object["method"] == "GET" && object["status"] == 200 && object["durationMs"]?.numberValue != nil)
        json.stop()

        let quiet = try MockProcess(arguments: ["--quiet"])
        _ = try quiet.request("GET", "/healthz", token: nil)
        _ = try quiet.request("GET", "/api/v1/projects")
        #expect(quiet.stop() == 0)
        #expect(quiet.standardError.isEmpty)
    }

    @Test func journalSizeZeroKeepsNothing() throws {
        let mock = try MockProcess(arguments: ["--journal-size", "0", "--quiet"])
        defer { mock.stop() }
        _ = try mock.request("GET", "/api/v1/projects")
        #expect(try mock.request("GET", "/__mock/journal", token: nil).json == ["capacity": 0, "recorded": 1, "entries": []])
    }

    @Test(arguments: [
        ["--journal-size", "-1"], ["--journal-size", "many"], ["--access-log", "xml"], ["--access-log"], ["--deterministic=yes"],
        ["--quiet=1"],
    ])
    func badSandboxFlagsExitTwoWithUsage(_ arguments: [String]) throws {
        let result = try runCommand(MockProcess.binaryPath, arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains("USAGE: kkp-mock"))
    }

    @Test func helpDocumentsTheSandboxFlags() throws {
        let result = try runCommand(MockProcess.binaryPath, ["--help"])
        for flag in ["--deterministic", "--journal-size", "--access-log", "--quiet", "/healthz", "/__mock/"] {
            #expect(result.stdout.contains(flag), "--help does not mention \(flag)")
        }
    }
}

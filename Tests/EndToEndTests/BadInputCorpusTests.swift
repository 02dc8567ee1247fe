import Foundation
import KKPCore
import KKPTesting
import Testing

/// A corpus of bad input against the real server with its default limits: each case gets a clear 4xx (KKP's error
/// body where the request reached the API) or a closed connection, the server stays up, and the stored cluster is
/// byte for byte unchanged (body and ETag).
@Suite(.serialized)
struct BadInputCorpusTests {
    let mock: MockProcess
    let baseline: TestResponse

    init() throws {
        mock = try MockProcess()
        baseline = try HTTPTestClient.request(port: mock.port, target: Paths.stagingV2, headers: Evidence.auth)
        try #require(baseline.status == 200)
    }

    // MARK: - Checks

    /// The server is up and the stored cluster is as it was.
    func expectUnchanged(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(mock.isRunning, "\(name): the server is down", sourceLocation: sourceLocation)
        let now = try HTTPTestClient.request(port: mock.port, target: Paths.stagingV2, headers: Evidence.auth)
        #expect(now.status == 200, "\(name): GET after it answered \(now.status)", sourceLocation: sourceLocation)
        #expect(now.body == baseline.body, "\(name): the stored cluster changed", sourceLocation: sourceLocation)
        #expect(now.header("ETag") == baseline.header("ETag"), "\(name): the ETag changed", sourceLocation: sourceLocation)
    }

    /// A PATCH of the staging cluster with `body` gets a 4xx in KKP's shape (`code` = status, a message), and then
    /// nothing has changed. Returns the error message.
    @discardableResult
    func expectRejectedPatch(
        _ name: String, _ body: [UInt8], status: Int = 400, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        let response = try HTTPTestClient.request(
            port: mock.port, method: "PATCH", target: Paths.stagingV2, headers: Evidence.auth, body: body
        )
        let message = Self.kkpErrorMessage(response)
        #expect(response.status == status, "\(name): status \(response.status) \(response.text.prefix(300))", sourceLocation: sourceLocation)
        #expect(message != nil, "\(name): not KKP's error body: \(response.text.prefix(300))", sourceLocation: sourceLocation)
        try expectUnchanged(name, sourceLocation: sourceLocation)
        return message ?? ""
    }

    /// Raw bytes get a 4xx (KKP's shape when JSON) or a closed connection; then nothing has changed.
    ///
    /// The client half-closes after sending, and the answer or close must come within 5 s. An `incomplete` request
    /// (one the server must wait on, as HTTP says) is first held open while another client is served; then the FIN
    /// must close it at once, without an answer.
    func expectRefused(
        _ name: String, _ pieces: [[UInt8]], incomplete: Bool = false, alsoAllowed: Set<Int> = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        if incomplete {
            let waiting = try HTTPTestClient(port: mock.port)
            defer { waiting.close() }
            for piece in pieces { try waiting.sendRaw(piece) }
            try expectUnchanged(name + " (while it waits)", sourceLocation: sourceLocation)
            #expect(!waiting.isConnectionClosed(), "\(name): closed before the request was finished", sourceLocation: sourceLocation)
        }
        let outcome = try RawExchange.run(port: mock.port, pieces, halfClose: true)
        if let status = outcome.status {
            #expect((400..<500).contains(status) || alsoAllowed.contains(status), "\(name): status \(status)", sourceLocation: sourceLocation)
            if let response = outcome.response, response.header("Content-Type") == "application/json" {
                #expect(
                    Self.kkpErrorMessage(response) != nil, "\(name): JSON answer not in KKP's shape: \(response.text.prefix(300))",
                    sourceLocation: sourceLocation)
            }
        } else {
            #expect(outcome.closed, "\(name): neither an answer nor a closed connection within 5 s", sourceLocation: sourceLocation)
            #expect(outcome.bytes.isEmpty, "\(name): an answer that is not HTTP: \(outcome.bytes.prefix(100))", sourceLocation: sourceLocation)
        }
        try expectUnchanged(name, sourceLocation: sourceLocation)
    }

    func expectRefused(
        _ name: String, _ text: String, incomplete: Bool = false, alsoAllowed: Set<Int> = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try expectRefused(name, [Array(text.utf8)], incomplete: incomplete, alsoAllowed: alsoAllowed, sourceLocation: sourceLocation)
    }

    /// KKP's error body `{"error":{"code":N,"message":"…"}}` with N equal to the status: its message, else nil.
    static func kkpErrorMessage(_ response: TestResponse) -> String? {
        guard response.header("Content-Type") == "application/json", let body = try? response.json,
            body.objectValue?.count == 1, let error = body["error"]?.objectValue,
            error["code"] == .number(JSONNumber(response.status)), let message = error["message"]?.stringValue, !message.isEmpty
        else { return nil }
        return message
    }

    /// A request head for the staging cluster with extra header lines.
    func head(_ lines: [String], method: String = "PATCH", target: String = Paths.stagingV2) -> String {
        "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(mock.port)\r\nAuthorization: Bearer demo-token\r\n"
            + lines.map { $0 + "\r\n" }.joined() + "\r\n"
    }

    // MARK: - JSON bodies

    @Test func everyTruncationOfAValidPatch() throws {
        let valid = #"{"labels":{"a":"b"},"spec":{"serviceAccount":{"apiAudiences":["x","y"],"issuer":"https://i.example.com"},"version":"1.19.3"}}"#
        let bytes = Array(valid.utf8)
        for length in 0..<bytes.count {
            try expectRejectedPatch("truncated to \(length) bytes", Array(bytes[..<length]))
        }
        mock.stop()
    }

    @Test func malformedJSON() throws {
        let bodies = [
            #"{"a" 1}"#, #"{"a":1,}"#, #"{,}"#, #"{"a":[1,]}"#, #"{"a":"\x"}"#, #"{"a":"\u12"}"#, #"{"a":"\u12G4"}"#,
            #"{"a":NaN}"#, #"{"a":Infinity}"#, #"{"a":-}"#, #"{"a":1.}"#, #"{"a":.5}"#, #"{"a":+1}"#, #"{"a":0x10}"#,
            #"{"a":1e}"#, #"{"a":--1}"#, #"{"a":"b"}garbage"#, #"{"a":[}"#, #"{"a":{]}"#, #"{a:1}"#, #"{"a":True}"#,
            #"{"a":nul}"#, "{\"a\":\"line\nbreak\"}", "{\"a\":\"\u{1}\"}", "{\"a\":1}\u{0}", "\u{0}{}", "/*c*/{}", "{} //",
        ]
        for body in bodies {
            let message = try expectRejectedPatch("malformed \(body.debugDescription)", Array(body.utf8))
            #expect(message == "cannot patch cluster: Invalid JSON Patch", "\(body.debugDescription): \(message)")
        }
        mock.stop()
    }

    @Test func invalidUTF8() throws {
        let prefix = Array(#"{"labels":{"k":""#.utf8), suffix = Array(#""}}"#.utf8)
        let sequences: [(String, [UInt8])] = [
            ("lone continuation byte", [0x80]), ("overlong NUL", [0xC0, 0x80]), ("overlong 2-byte", [0xC1, 0xBF]),
            ("overlong slash", [0xE0, 0x80, 0xAF]), ("overlong 4-byte", [0xF0, 0x80, 0x80, 0xAF]),
            ("UTF-16 surrogate", [0xED, 0xA0, 0x80]), ("above U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
            ("5-byte form", [0xF8, 0x88, 0x80, 0x80, 0x80]), ("FE", [0xFE]), ("FF", [0xFF]),
            ("truncated 3-byte", [0xE2, 0x82]), ("truncated 4-byte", [0xF0, 0x9F, 0x98]), ("Latin-1 é", [0xE9]),
        ]
        for (name, bytes) in sequences {
            try expectRejectedPatch("\(name) in a value", prefix + bytes + suffix)
            try expectRejectedPatch("\(name) in a key", Array(#"{"labels":{""#.utf8) + bytes + Array(#"":"v"}}"#.utf8))
            try expectRejectedPatch("\(name) outside strings", Array(#"{"labels":"#.utf8) + bytes + Array("{}}".utf8))
        }
        for escape in [#"\ud800"#, #"\udc00"#, #"\ud800\u0041"#, #"\udbff\udbff"#] {
            try expectRejectedPatch("escaped lone surrogate \(escape)", prefix + Array(escape.utf8) + suffix)
        }
        mock.stop()
    }

    @Test func deepNesting() throws {
        func nested(_ depth: Int) -> String {
            String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
        }
        try expectRejectedPatch("objects 100 deep", Array((#"{"labels":"# + nested(100) + "}").utf8))
        try expectRejectedPatch("objects 100,000 deep", Array(nested(100_000).utf8))
        try expectRejectedPatch("arrays 100,000 deep", Array((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8))
        try expectRejectedPatch("arrays 500,000 deep, unclosed", Array(String(repeating: "[", count: 500_000).utf8))
        try expectRejectedPatch("mixed 150,000 deep, unclosed", Array(String(repeating: #"{"a":["#, count: 150_000).utf8))
        mock.stop()
    }

    @Test func hugeNumbersInTypedFields() throws {
        let huge = [
            "1e999999999", "-1e999999999", "1" + String(repeating: "0", count: 200_000), "123456789012345678901234567890", "1e-999999999", "-0",
        ]
        for number in huge {
            let shown = number.count > 40 ? "\(number.prefix(20))…(\(number.count) chars)" : number
            for (field, body) in [
                ("spec.version", #"{"spec":{"version":\#(number)}}"#),
                ("name", #"{"name":\#(number)}"#),
                ("a label", #"{"labels":{"n":\#(number)}}"#),
                ("tokenVolumeProjectionEnabled", #"{"spec":{"serviceAccount":{"tokenVolumeProjectionEnabled":\#(number)}}}"#),
            ] {
                let message = try expectRejectedPatch("\(shown) in \(field)", Array(body.utf8))
                #expect(message.hasPrefix("cannot decode patched cluster: json: cannot unmarshal number"), "\(shown) in \(field): \(message)")
            }
        }
        mock.stop()
    }

    @Test func duplicateKeys() throws {
        for body in [
            #"{"name":"a","name":"b"}"#, #"{"name":"a","name":"a"}"#, #"{"labels":{"x":"1","x":"2"}}"#, #"{"spec":{},"spec":{}}"#,
            #"{"spec":{"serviceAccount":{"issuer":"https://a","issuer":"https://b"}}}"#, #"{"name":"a","n\u0061me":"b"}"#,
            #"{"labels":{"x":"1"},"labels":null}"#,
        ] {
            try expectRejectedPatch("duplicate keys \(body)", Array(body.utf8))
        }
        mock.stop()
    }

    @Test func wrongTypeInEveryServiceAccountField() throws {
        let cases: [(field: String, values: [String])] = [
            ("tokenVolumeProjectionEnabled", [#""true""#, "1", "0", "[]", "{}", #""yes""#, "[true]"]),
            ("issuer", ["1", "true", "false", "[]", "{}", #"["https://a"]"#, #"{"url":"https://a"}"#]),
            ("apiAudiences", [#""a""#, "1", "true", "{}", "[1]", "[true]", "[[]]", "[{}]", #"["a",2]"#, #"{"0":"a"}"#]),
        ]
        for (field, values) in cases {
            for value in values {
                let body = #"{"spec":{"serviceAccount":{"\#(field)":\#(value)}}}"#
                let message = try expectRejectedPatch("\(field) = \(value)", Array(body.utf8))
                #expect(message.hasPrefix("cannot decode patched cluster: json: cannot unmarshal "), "\(body): \(message)")
                #expect(message.contains("Cluster.spec.serviceAccount.\(field)"), "\(body): \(message)")
            }
        }
        for value in [#""x""#, "1", "true", "[]", #"["a"]"#] {
            let message = try expectRejectedPatch("serviceAccount = \(value)", Array(#"{"spec":{"serviceAccount":\#(value)}}"#.utf8))
            #expect(message.contains("Cluster.spec.serviceAccount of type v1.ServiceAccountSettings"), "\(value): \(message)")
        }
        mock.stop()
    }

    // MARK: - Framing

    @Test func oversizedBodies() throws {
        let limit = 1 << 20
        let big = Array(#"{"labels":{"x":""#.utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: limit) + Array(#""}}"#.utf8)
        // Sent whole with its length: KKP's 413, or a close after it.
        let response = try? HTTPTestClient.request(port: mock.port, method: "PATCH", target: Paths.stagingV2, headers: Evidence.auth, body: big)
        if let response {
            #expect(response.status == 413)
            #expect(Self.kkpErrorMessage(response) != nil, "413 not in KKP's shape: \(response.text)")
        }
        try expectUnchanged("1 MiB + 19 bytes")
        try expectRefused("Content-Length of a petabyte, no body", head(["Content-Length: 1000000000000000"]))
        try expectRefused("Content-Length past Int64", head(["Content-Length: 99999999999999999999999"]))
        var chunked = [Array(head(["Transfer-Encoding: chunked"]).utf8)]
        for _ in 0..<40 { chunked.append(Array("8000\r\n".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 0x8000) + [13, 10]) }
        chunked.append(Array("0\r\n\r\n".utf8))
        try expectRefused("1.25 MiB chunked", chunked)
        mock.stop()
    }

    @Test func bodiesThatDoNotMatchTheirFraming() throws {
        let patch = #"{"name":"framed"}"#
        try expectRefused("body shorter than Content-Length", head(["Content-Length: 100"]) + patch, incomplete: true)
        try expectRefused("Content-Length -1", head(["Content-Length: -1"]) + patch)
        try expectRefused("Content-Length abc", head(["Content-Length: abc"]) + patch)
        try expectRefused("Content-Length 1e3", head(["Content-Length: 1e3"]) + patch)
        try expectRefused("two Content-Lengths", head(["Content-Length: 17", "Content-Length: 5"]) + patch)
        try expectRefused("Content-Length list", head(["Content-Length: 17, 5"]) + patch)
        try expectRefused("bad chunk size", head(["Transfer-Encoding: chunked"]) + "zz\r\n" + patch + "\r\n0\r\n\r\n")
        try expectRefused("chunk size overflow", head(["Transfer-Encoding: chunked"]) + "ffffffffffffffffffff\r\n" + patch + "\r\n0\r\n\r\n")
        try expectRefused("chunk longer than its size", head(["Transfer-Encoding: chunked"]) + "2\r\n" + patch + "\r\n0\r\n\r\n")
        try expectRefused("unfinished chunked body", head(["Transfer-Encoding: chunked"]) + "11\r\n" + patch, incomplete: true)
        try expectRefused("unknown transfer coding", head(["Transfer-Encoding: gzip"]) + patch)
        try expectRefused("gzip before chunked", head(["Transfer-Encoding: gzip, chunked"]) + "11\r\n" + patch + "\r\n0\r\n\r\n", alsoAllowed: [501])
        try expectRefused(
            "chunked and Content-Length", head(["Transfer-Encoding: chunked", "Content-Length: 5"]) + "11\r\n" + patch + "\r\n0\r\n\r\n")
        mock.stop()
    }

    @Test func headerFloods() throws {
        let many = (0..<5000).map { "X-Flood-\($0): value" }
        try expectRefused("5,000 headers", head(many), alsoAllowed: [])
        try expectRefused("one 200 kB header", head(["X-Big: " + String(repeating: "v", count: 200_000)]))
        try expectRefused("a 200 kB request line", head([], target: Paths.stagingV2 + "?q=" + String(repeating: "q", count: 200_000)))
        try expectRefused("2,000 Authorization headers", head((0..<2000).map { "Authorization: Bearer token-\($0)" }))
        mock.stop()
    }

    @Test func bytesThatAreNotHTTP() throws {
        var generator = SplitMix64(seed: 42)
        let noise = (0..<65536).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        try expectRefused("64 kB of random bytes", [noise + Array("\r\n\r\n".utf8)])
        let clientHello: [UInt8] = [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03] + [UInt8](repeating: 0x42, count: 500)
        try expectRefused("a TLS ClientHello", [clientHello], incomplete: true)
        // libmicrohttpd reads a line of NULs as an empty line (C strings) and skips it, as HTTP says to skip empty lines
        // before a request line: so it waits for a request.
        try expectRefused("NUL bytes", [[UInt8](repeating: 0, count: 4096) + Array("\r\n\r\n".utf8)], incomplete: true)
        try expectRefused("only line ends", "\r\n\r\n\r\n\r\n", incomplete: true)  // empty lines are skipped, as HTTP says
        try expectRefused("HTTP/0.9", "GET \(Paths.stagingV2)\r\n\r\n")
        try expectRefused("HTTP/9.9", "GET \(Paths.stagingV2) HTTP/9.9\r\nHost: x\r\n\r\n", alsoAllowed: [505])
        try expectRefused("no target", "GET\r\nHost: x\r\n\r\n")
        try expectRefused("a 20 kB method", String(repeating: "M", count: 20_000) + " / HTTP/1.1\r\nHost: x\r\n\r\n")
        try expectRefused("a header line without a colon", head(["Not A Header"]))
        try expectRefused("a space in a header name", head(["X Y: z"]))
        try expectRefused("an obsolete folded header", head(["X-A: a", " folded"]))
        try expectRefused("NUL in a header value", head(["X-A: a\u{0}b"]))
        try expectRefused(
            "a bare LF request", "GET \(Paths.stagingV2) HTTP/1.1\nHost: x\n\n".replacingOccurrences(of: "GET", with: "PATCH") + "{}", alsoAllowed: []
        )
        mock.stop()
    }

    // MARK: - Paths

    @Test func pathTraversalAndEncodingTricks() throws {
        let project = "/api/v2/projects/\(Fixtures.IDs.demoProject)"
        let targets = [
            "\(project)/clusters/..%2F\(Fixtures.IDs.staging)", "\(project)/clusters/%2E%2E/clusters/\(Fixtures.IDs.staging)",
            "\(project)/clusters/../clusters/\(Fixtures.IDs.staging)", "\(project)/clusters/./\(Fixtures.IDs.staging)",
            "/api/v2/projects/\(Fixtures.IDs.demoProject)%2Fclusters%2F\(Fixtures.IDs.staging)",
            "\(project)/clusters/\(Fixtures.IDs.staging)%00", "\(project)/clusters/%00", "\(project)/clusters/\(Fixtures.IDs.staging)%2500",
            "\(project)/clusters/%C0%AE%C0%AE%C0%AF\(Fixtures.IDs.staging)", "\(project)/clusters/%E0%80%AF\(Fixtures.IDs.staging)",
            "\(project)/clusters/%252F\(Fixtures.IDs.staging)", "\(project)/clusters/\(Fixtures.IDs.staging)/",
            "/\(project)/clusters/\(Fixtures.IDs.staging)", "/api/v2/projects//clusters/\(Fixtures.IDs.staging)",
            "\(project)/clusters/\(Fixtures.IDs.staging.uppercased())", "\(project)/clusters\\..\\\(Fixtures.IDs.staging)",
            "\(project)/clusters/%zz", "\(project)/clusters/%", "\(project)/clusters/%4", "\(project)/clusters/%FF%FE",
            "/api/v2/projects/..%2F..%2Fprojects%2F\(Fixtures.IDs.platformProject)/clusters/\(Fixtures.IDs.ciRunners)",
            "/api/v2/projects/\(Fixtures.IDs.platformProject)/clusters/\(Fixtures.IDs.staging)",
            "/api/v1/projects/\(Fixtures.IDs.demoProject)/dc/..%2F\(Fixtures.IDs.europeSeed)/clusters/\(Fixtures.IDs.staging)",
            "/api/v2/../v1/projects/\(Fixtures.IDs.demoProject)/clusters",
        ]
        for target in targets {
            for method in ["GET", "PATCH"] {
                let response = try HTTPTestClient.request(
                    port: mock.port, method: method, target: target, headers: Evidence.auth,
                    body: method == "PATCH" ? Array(#"{"name":"traversed"}"#.utf8) : nil
                )
                let name = "\(method) \(target)"
                #expect((400..<500).contains(response.status), "\(name): \(response.status)")
                if response.header("Content-Type") == "application/json" {
                    #expect(Self.kkpErrorMessage(response) != nil, "\(name): \(response.text)")
                } else {
                    #expect(response.status == 404 && response.text == "404 page not found\n", "\(name): \(response.status) \(response.text)")
                }
                try expectUnchanged(name)
            }
        }
        // Bytes a target cannot hold, sent raw.
        for raw: [UInt8] in [[0xFF, 0xFE], [0x7F], [0x01], Array("a b".utf8), [0xC0, 0xAF]] {
            let request = Array("GET \(project)/clusters/".utf8) + raw + Array(" HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
            try expectRefused("raw bytes \(raw) in the target", [request])
        }
        mock.stop()
    }

    // MARK: - Slow clients

    /// Slow and unfinished requests hold connections, not the server: while 60 clients dawdle (half a request line,
    /// half the headers, half a body), other clients are served, and a request sent one byte per write is answered.
    @Test func slowClientsDoNotStopTheServer() throws {
        let port = mock.port
        var dawdlers: [HTTPTestClient] = []
        for n in 0..<60 {
            let client = try HTTPTestClient(port: port)
            switch n % 3 {
            case 0: try client.sendRaw("PATCH /api/v2/proj")
            case 1: try client.sendRaw("PATCH \(Paths.stagingV2) HTTP/1.1\r\nHost: x\r\nContent-Le")
            default: try client.sendRaw(head(["Content-Length: 1000"]) + #"{"name":"never fin"#)
            }
            dawdlers.append(client)
        }
        for n in 0..<20 {
            let response = try HTTPTestClient.request(port: port, target: Paths.stagingV2, headers: Evidence.auth)
            #expect(response.status == 200 && response.body == baseline.body, "GET \(n) while clients dawdle: \(response.status)")
        }
        let write = try HTTPTestClient.request(
            port: port, method: "PATCH", target: Paths.prodV2, headers: Evidence.auth, body: Array(#"{"labels":{"slow":"no"}}"#.utf8))
        #expect(write.status == 200)

        // One byte per write, a whole PATCH.
        let dripping = try HTTPTestClient(port: port)
        let body = #"{"labels":{"dripped":"yes"}}"#
        let request = head(["Content-Length: \(body.utf8.count)"], target: Paths.prodV2) + body
        for byte in request.utf8 { try dripping.sendRaw([byte]) }
        let dripped = try dripping.readResponse()
        #expect(dripped.status == 200)
        #expect(try dripped.json["labels"]?["dripped"] == "yes")
        dripping.close()

        for client in dawdlers { #expect(!client.isConnectionClosed(), "a dawdling client was cut off early") }
        for client in dawdlers { client.close() }
        try expectUnchanged("slow clients")
        mock.stop()
    }
}

/// A small deterministic random generator (SplitMix64), so the random-bytes case is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

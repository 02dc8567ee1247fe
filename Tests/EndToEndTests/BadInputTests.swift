import Foundation
import KKPCore
import KKPTesting
import Testing

/// Bad input over real HTTP: a clear 4xx in KKP's shape, the server still up, the stored cluster unchanged.
@Suite(.serialized)
struct BadInputTests {
    let mock: MockProcess

    init() throws {
        mock = try MockProcess(arguments: ["--max-body-bytes", "4096"])
    }

    /// Sends `send`, checks the answer with `check`, then checks the stored cluster is byte-for-byte as before.
    func expectUnchanged(_ send: () throws -> TestResponse, _ check: (TestResponse) throws -> Void, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let before = try mock.request("GET", Paths.stagingV2)
        try check(try send())
        let after = try mock.request("GET", Paths.stagingV2)
        #expect(after.body == before.body, sourceLocation: sourceLocation)
        #expect(after.header("ETag") == before.header("ETag"), sourceLocation: sourceLocation)
    }

    @Test func malformedJSON() throws {
        for body in ["{", #"{"spec":}"#, #"{"a":1}{"b":2}"#, "", "   ", #"{'a':1}"#, #"{"a":tru}"#, #"{"a":01}"#] {
            try expectUnchanged({ try mock.request("PATCH", Paths.stagingV2, body: body) }) {
                try $0.expectKKPError(400, "cannot patch cluster: Invalid JSON Patch")
                #expect(try $0.json["error"]?["details"]?.arrayValue?.isEmpty == false)
            }
        }
        mock.stop()
    }

    @Test func invalidUTF8() throws {
        let bodies: [[UInt8]] = [
            Array(#"{"name":""#.utf8) + [0xFF] + Array(#""}"#.utf8),
            Array(#"{"name":""#.utf8) + [0xC0, 0xAF] + Array(#""}"#.utf8),
            Array(#"{"name":""#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}"#.utf8),
        ]
        for body in bodies {
            try expectUnchanged({ try mock.request("PATCH", Paths.stagingV2, bytes: body) }) {
                try $0.expectKKPError(400, "cannot patch cluster: Invalid JSON Patch")
            }
        }
        mock.stop()
    }

    @Test func nestingPastTheLimit() throws {
        let deep = String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000)
        try expectUnchanged({ try mock.request("PATCH", Paths.stagingV2, body: #"{"labels":"# + deep + "}") }) {
            try $0.expectKKPError(400, "cannot patch cluster: Invalid JSON Patch")
        }
        mock.stop()
    }

    @Test func bodyOverTheLimit() throws {
        let big = #"{"labels":{"x":""# + String(repeating: "a", count: 5000) + #""}}"#
        try expectUnchanged({ try mock.request("PATCH", Paths.stagingV2, body: big) }) {
            try $0.expectKKPError(413)
        }
        let atLimit = #"{"labels":{"x":""# + String(repeating: "a", count: 4096 - 19) + #""}}"#
        #expect(atLimit.utf8.count == 4096)
        #expect(try mock.request("PATCH", Paths.stagingV2, body: atLimit).status == 200)
        mock.stop()
    }

    @Test func patchThatIsNotAnObject() throws {
        for body in ["null", "\"text\"", "12", "true"] {
            try expectUnchanged({ try mock.request("PATCH", Paths.stagingV2, body: body) }) {
                try $0.expectKKPError(400, "cannot patch cluster: Invalid JSON Patch")
            }
        }
        try expectUnchanged({ try mock.request("PATCH", Paths.stagingV2, body: "[]") }) {
            try $0.expectKKPError(400, "cannot decode patched cluster: json: cannot unmarshal array into Go value of type v1.Cluster")
        }
        mock.stop()
    }

    @Test func unknownProjectOrCluster() throws {
        typealias IDs = Fixtures.IDs
        try expectUnchanged({ try mock.request("PATCH", "/api/v2/projects/nope/clusters/\(IDs.staging)", body: #"{"name":"x"}"#) }) {
            try $0.expectKKPError(404, #"projects.kubermatic.k8s.io "nope" not found"#)
        }
        try expectUnchanged({ try mock.request("PATCH", "/api/v2/projects/\(IDs.demoProject)/clusters/nope", body: #"{"name":"x"}"#) }) {
            try $0.expectKKPError(404, #"cluster-provider "nope" not found"#)
        }
        try expectUnchanged({ try mock.request("GET", "/api/v1/projects/\(IDs.demoProject)/dc/nope/clusters/\(IDs.staging)") }) {
            try $0.expectKKPError(404, #"seed "nope" not found"#)
        }
        mock.stop()
    }

    @Test func invalidVersion() throws {
        for version in ["\"banana\"", "\"1.2.3.4\"", "12", "\"1.22.0\"", "\"1.17.9\""] {
            try expectUnchanged({ try mock.request("PATCH", Paths.stagingV2, body: #"{"spec":{"version":\#(version)}}"#) }) {
                try $0.expectKKPError(400)
            }
        }
        mock.stop()
    }

    @Test func wrongMethod() throws {
        for method in ["PUT", "POST", "TRACE", "QUERY", "BREW"] {
            try expectUnchanged({ try mock.request(method, Paths.stagingV2, body: "{}") }) {
                try $0.expectKKPError(405)
                #expect($0.header("Allow")?.contains("PATCH") == true)
            }
        }
        mock.stop()
    }

    @Test func wrongTypeInAField() throws {
        try expectUnchanged({ try mock.request("PATCH", Paths.stagingV2, body: #"{"spec":{"serviceAccount":{"issuer":["a"]}}}"#) }) {
            try $0.expectKKPError(
                400,
                "cannot decode patched cluster: json: cannot unmarshal array into Go struct field Cluster.spec.serviceAccount.issuer of type string")
        }
        mock.stop()
    }

    @Test func otherPatchFormatsAre415() throws {
        try expectUnchanged({
            try mock.request(
                "PATCH", Paths.stagingV2, body: #"[{"op":"replace","path":"/name","value":"x"}]"#,
                headers: [("Content-Type", "application/json-patch+json")])
        }) { try $0.expectKKPError(415) }
        mock.stop()
    }

    @Test func serverSurvivesAllOfIt() throws {
        let raw = try HTTPTestClient(port: mock.port)
        try raw.sendRaw(Array("\u{1}\u{2}GARBAGE\r\n\r\n".utf8))
        raw.close()
        #expect(try mock.request("GET", Paths.stagingV2).status == 200)
        #expect(mock.isRunning)
        mock.stop()
    }
}

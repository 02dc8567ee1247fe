import KKPCore
import KKPTesting
import Testing

/// Property test through the API: random merge patches of the fields kkp-mock stores as sent, checked against the
/// reference implementation (PyPI `json-merge-patch`, via scripts/property/merge_patch_cases.py).
@Suite(.serialized)
struct MergePatchOverHTTPTests {
    static let specFields = [
        "podNodeSelectorAdmissionPluginConfig", "oidc", "updateWindow", "auditLogging", "opaIntegration", "admissionPlugins",
    ]

    @Test func randomPatchesGiveTheReferenceResult() throws {
        let mock = try MockProcess()
        defer { mock.stop() }
        let cases = try PropertyCases.generate(mode: "http", seed: 11, count: 30)
        var reset = JSONObject()
        reset["labels"] = .null
        reset["spec"] = .object(JSONObject(Self.specFields.map { (key: $0, value: JSONValue.null) }))
        var steps = 0
        for (number, line) in cases.enumerated() {
            let testCase = try JSONValue(parsing: line)
            let client = try HTTPTestClient(port: mock.port)
            defer { client.close() }
            func patch(_ body: JSONValue) throws -> JSONValue {
                let response = try client.send("PATCH", Paths.stagingV2, headers: Evidence.auth, body: body.serialized())
                try #require(response.status == 200, "case \(number): PATCH \(body.serializedString): \(response.status) \(response.text)")
                return try response.json
            }
            _ = try patch(.object(reset))
            let start = try patch(try #require(testCase["start"]))
            #expect(Self.projection(of: start) == testCase["startExpect"], "case \(number): start")
            for (index, step) in (testCase["steps"]?.arrayValue ?? []).enumerated() {
                let patchValue = try #require(step["patch"])
                let answered = try patch(patchValue)
                #expect(
                    Self.projection(of: answered) == step["expect"],
                    "case \(number) step \(index): \(patchValue.serializedString) gave \(Self.projection(of: answered).serializedString), reference \(step["expect"]?.serializedString ?? "-")"
                )
                steps += 1
            }
            // What was answered is what is stored.
            let stored = try client.send("GET", Paths.stagingV2, headers: Evidence.auth)
            #expect(Self.projection(of: try stored.json) == testCase["steps"]?.arrayValue?.last?["expect"], "case \(number): GET")
        }
        #expect(steps >= 90)
    }

    /// The compared fields of a served cluster: `labels` (when present) and the spec fields above.
    static func projection(of document: JSONValue) -> JSONValue {
        var spec = JSONObject()
        for field in specFields {
            if let value = document["spec"]?[field] { spec[field] = value }
        }
        var shown = JSONObject()
        shown["spec"] = .object(spec)
        if let labels = document["labels"] { shown["labels"] = labels }
        return .object(shown)
    }
}

import Foundation
import KKPCore
import Testing

/// One JSON Patch test vector: a document, a patch (or its text), and the expected document or an error.
struct JSONPatchVector: CustomTestStringConvertible, Sendable {
    let comment: String
    let document: JSONValue
    let patch: JSONValue?
    let patchText: String?
    let expected: JSONValue?
    var testDescription: String { comment }

    /// The RFC 6902 Appendix A examples, read from Vectors/rfc6902-appendix-a.json.
    static let appendixA: [JSONPatchVector] = load("rfc6902-appendix-a.json")

    static func load(_ file: String) -> [JSONPatchVector] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Vectors/" + file)
        let document = try! JSONValue(parsing: Array(try! Data(contentsOf: url)))
        return document.arrayValue!.map {
            JSONPatchVector(
                comment: $0["comment"]!.stringValue!, document: $0["doc"]!, patch: $0["patch"], patchText: $0["patchText"]?.stringValue,
                expected: $0["expected"])
        }
    }

    /// The result of applying the patch: the document, or the error.
    func outcome() -> Result<JSONValue, any Error> {
        Result { () throws -> JSONValue in
            let patch = try self.patch ?? JSONValue(parsing: patchText ?? "")
            return try JSONPatch.apply(patch, to: document)
        }
    }
}

/// Vectors beyond the RFC's examples: the edges of pointers, indexes and operations.
let jsonPatchEdgeVectors: [(String, String, String, String?)] = [
    // (comment, document, patch, expected result or nil for an error)
    ("add with an empty path replaces the whole document", #"{"a":1}"#, #"[{"op":"add","path":"","value":[1]}]"#, "[1]"),
    ("replace with an empty path replaces the whole document", #"{"a":1}"#, #"[{"op":"replace","path":"","value":{"b":2}}]"#, #"{"b":2}"#),
    ("add at the array's length appends", #"[1,2]"#, #"[{"op":"add","path":"/2","value":3}]"#, "[1,2,3]"),
    ("add past the array's length fails", #"[1,2]"#, #"[{"op":"add","path":"/3","value":3}]"#, nil),
    ("an index with a leading zero fails", #"{"a":[1,2]}"#, #"[{"op":"remove","path":"/a/01"}]"#, nil),
    ("remove of \"-\" fails", #"{"a":[1,2]}"#, #"[{"op":"remove","path":"/a/-"}]"#, nil),
    ("remove of a missing member fails", #"{"a":1}"#, #"[{"op":"remove","path":"/b"}]"#, nil),
    ("replace of a missing member fails", #"{"a":1}"#, #"[{"op":"replace","path":"/b","value":2}]"#, nil),
    ("add replaces an existing member", #"{"a":1}"#, #"[{"op":"add","path":"/a","value":2}]"#, #"{"a":2}"#),
    ("add with a null value sets null", #"{"a":1}"#, #"[{"op":"add","path":"/b","value":null}]"#, #"{"a":1,"b":null}"#),
    ("copy duplicates a value", #"{"a":{"x":1}}"#, #"[{"op":"copy","from":"/a","path":"/b"}]"#, #"{"a":{"x":1},"b":{"x":1}}"#),
    ("move into its own child fails", #"{"a":{"b":{}}}"#, #"[{"op":"move","from":"/a","path":"/a/b/c"}]"#, nil),
    ("move to the same place changes nothing", #"{"a":1}"#, #"[{"op":"move","from":"/a","path":"/a"}]"#, #"{"a":1}"#),
    ("test compares numbers by value", #"{"a":1}"#, #"[{"op":"test","path":"/a","value":1.0}]"#, #"{"a":1}"#),
    ("test compares objects without order", #"{"a":{"x":1,"y":2}}"#, #"[{"op":"test","path":"/a","value":{"y":2,"x":1}}]"#, #"{"a":{"x":1,"y":2}}"#),
    ("test of a missing path fails", #"{"a":1}"#, #"[{"op":"test","path":"/b","value":null}]"#, nil),
    ("a failed operation leaves nothing half done", #"{"a":1}"#, #"[{"op":"add","path":"/b","value":2},{"op":"test","path":"/a","value":2}]"#, nil),
    ("~1 and ~0 unescape in member names", #"{"a/b":1,"m~n":2}"#, #"[{"op":"remove","path":"/a~1b"},{"op":"remove","path":"/m~0n"}]"#, "{}"),
    ("an empty patch changes nothing", #"{"a":1}"#, "[]", #"{"a":1}"#),
    ("a patch that is not an array fails", #"{"a":1}"#, #"{"op":"add","path":"/b","value":1}"#, nil),
    ("an unknown op fails", #"{"a":1}"#, #"[{"op":"merge","path":"/a","value":1}]"#, nil),
    ("add without a value fails", #"{"a":1}"#, #"[{"op":"add","path":"/b"}]"#, nil),
    ("a path without a leading slash fails", #"{"a":1}"#, #"[{"op":"remove","path":"a"}]"#, nil),
    ("an escape other than ~0 and ~1 fails", #"{"a":1}"#, #"[{"op":"remove","path":"/~2"}]"#, nil),
]

struct JSONPatchTests {
    @Test func appendixAHasSixteenExamples() {
        #expect(JSONPatchVector.appendixA.count == 16)
    }

    @Test(arguments: JSONPatchVector.appendixA)
    func appendixAExampleGivesTheRFCResult(_ vector: JSONPatchVector) {
        switch (vector.outcome(), vector.expected) {
        case (.success(let result), let expected?): #expect(result == expected)
        case (.failure, nil): break
        case (let outcome, let expected): Issue.record("got \(outcome), expected \(expected.map(\.serializedString) ?? "an error")")
        }
    }

    @Test(arguments: jsonPatchEdgeVectors.map { $0 })
    func edgeVector(_ vector: (String, String, String, String?)) throws {
        let (comment, document, patch, expected) = vector
        let result = Result { () throws -> JSONValue in try JSONPatch.apply(try JSONValue(parsing: patch), to: try JSONValue(parsing: document)) }
        switch (result, expected) {
        case (.success(let value), let expected?): #expect(value == (try JSONValue(parsing: expected)), "\(comment)")
        case (.failure, nil): break
        case (let result, _): Issue.record("\(comment): got \(result)")
        }
    }

    @Test func malformedPatchesAndFailedOperationsAreDifferentKinds() throws {
        let document = try JSONValue(parsing: #"{"a":1}"#)
        #expect(throws: JSONPatchError(kind: .malformed, message: "a JSON patch must be an array of operations, not an object")) {
            try JSONPatch.apply(try JSONValue(parsing: "{}"), to: document)
        }
        do {
            _ = try JSONPatch.apply(try JSONValue(parsing: #"[{"op":"test","path":"/a","value":2}]"#), to: document)
            Issue.record("the test operation passed")
        } catch let error as JSONPatchError {
            #expect(error.kind == .notApplicable)
            #expect(error.message == #"test operation at "/a" does not apply: the value is 1, not 2"#)
        }
    }

    @Test func pointerRoundTripsItsEscapes() throws {
        let pointer = try JSONPointer(parsing: "/a~1b/m~0n/0")
        #expect(pointer.tokens == ["a/b", "m~n", "0"])
        #expect(pointer.description == "/a~1b/m~0n/0")
        #expect(try JSONPointer(parsing: "").tokens.isEmpty)
        #expect(try JSONPointer(parsing: "/").tokens == [""])
    }
}

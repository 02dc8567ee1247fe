import Foundation
import KKPCore
import Testing

/// One RFC 7396 test vector: original, patch, expected result.
struct MergePatchVector: CustomTestStringConvertible, Sendable {
    let original: JSONValue
    let patch: JSONValue
    let result: JSONValue
    var testDescription: String { "\(original.serializedString) + \(patch.serializedString)" }

    /// The RFC 7396 Appendix A vectors, read from Vectors/rfc7396-appendix-a.json.
    static let appendixA: [MergePatchVector] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Vectors/rfc7396-appendix-a.json")
        let document = try! JSONValue(parsing: Array(try! Data(contentsOf: url)))
        return document.arrayValue!.map {
            MergePatchVector(original: $0["original"]!, patch: $0["patch"]!, result: $0["result"]!)
        }
    }()
}

struct MergePatchTests {
    @Test func appendixAHasFifteenVectors() {
        #expect(MergePatchVector.appendixA.count == 15)
    }

    @Test(arguments: MergePatchVector.appendixA)
    func appendixAVectorGivesTheRFCResult(_ vector: MergePatchVector) {
        #expect(MergePatch.apply(vector.patch, to: vector.original) == vector.result)
    }

    @Test func nullInPatchRemovesMember() throws {
        let result = MergePatch.apply(try JSONValue(parsing: #"{"a":null}"#), to: try JSONValue(parsing: #"{"a":1,"b":2}"#))
        #expect(result.serializedString == #"{"b":2}"#)
    }

    @Test func nestedNullRemovesOnlyTheNestedMember() throws {
        let target = try JSONValue(parsing: #"{"spec":{"serviceAccount":{"issuer":"x","apiAudiences":["a"]},"version":"1.19.3"}}"#)
        let patch = try JSONValue(parsing: #"{"spec":{"serviceAccount":{"issuer":null}}}"#)
        #expect(MergePatch.apply(patch, to: target).serializedString == #"{"spec":{"serviceAccount":{"apiAudiences":["a"]},"version":"1.19.3"}}"#)
    }

    @Test func nullForAMissingMemberChangesNothing() throws {
        let target = try JSONValue(parsing: #"{"a":{"b":1}}"#)
        #expect(MergePatch.apply(try JSONValue(parsing: #"{"x":null,"a":{"y":null}}"#), to: target) == target)
    }

    @Test func emptyPatchObjectChangesNothing() throws {
        let target = try JSONValue(parsing: #"{"a":[1,2],"b":{"c":"d"}}"#)
        #expect(MergePatch.apply(.object(JSONObject()), to: target) == target)
    }

    @Test func emptyObjectInPatchMergesAsNoChangeButCreatesMissingObjects() throws {
        let target = try JSONValue(parsing: #"{"a":{"b":1}}"#)
        #expect(MergePatch.apply(try JSONValue(parsing: #"{"a":{},"n":{}}"#), to: target).serializedString == #"{"a":{"b":1},"n":{}}"#)
    }

    @Test func arraysOfObjectsAreReplacedNotMerged() throws {
        let target = try JSONValue(parsing: #"{"m":[{"a":1,"b":2},{"c":3}]}"#)
        let patch = try JSONValue(parsing: #"{"m":[{"a":9}]}"#)
        #expect(MergePatch.apply(patch, to: target).serializedString == #"{"m":[{"a":9}]}"#)
    }

    @Test func nullsInsideReplacingArraysAreKept() throws {
        let patch = try JSONValue(parsing: #"{"m":[null,{"a":null}]}"#)
        #expect(MergePatch.apply(patch, to: .object(JSONObject())).serializedString == #"{"m":[null,{"a":null}]}"#)
    }

    @Test func objectPatchReplacesAScalarMemberWithTheNullFreePatch() throws {
        let patch = try JSONValue(parsing: #"{"a":{"b":null,"c":1}}"#)
        #expect(MergePatch.apply(patch, to: try JSONValue(parsing: #"{"a":"text"}"#)).serializedString == #"{"a":{"c":1}}"#)
    }

    @Test func patchThatIsNotAnObjectReplacesTheTarget() throws {
        let target = try JSONValue(parsing: #"{"a":1}"#)
        #expect(MergePatch.apply(.string("x"), to: target) == .string("x"))
        #expect(MergePatch.apply(.null, to: target) == .null)
        #expect(MergePatch.apply([1, 2], to: target) == [1, 2])
    }

    @Test func memberOrderIsKeptAndNewMembersGoLast() throws {
        let target = try JSONValue(parsing: #"{"z":1,"a":2,"m":3}"#)
        let patch = try JSONValue(parsing: #"{"b":4,"a":5}"#)
        #expect(MergePatch.apply(patch, to: target).serializedString == #"{"z":1,"a":5,"m":3,"b":4}"#)
    }

    @Test func numbersKeepTheirLiteral() throws {
        let patch = try JSONValue(parsing: #"{"n":1.0,"big":123456789012345678901234567890}"#)
        #expect(MergePatch.apply(patch, to: .object(JSONObject())).serializedString == #"{"n":1.0,"big":123456789012345678901234567890}"#)
    }
}

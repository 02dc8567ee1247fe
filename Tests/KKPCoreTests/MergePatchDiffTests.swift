import KKPCore
import Testing

struct MergePatchDiffTests {
    static let pairs: [(String, String)] = [
        (#"{"a":1,"b":2}"#, #"{"a":1,"b":3}"#),
        (#"{"a":1,"b":2}"#, #"{"a":1}"#),
        (#"{"a":{"x":1,"y":2}}"#, #"{"a":{"x":1,"y":3,"z":[1]}}"#),
        (#"{"a":{"x":1}}"#, #"{"a":[1]}"#),
        (#"{"a":[1,2]}"#, #"{"a":[2,1]}"#),
        (#"{}"#, #"{"n":{"m":{}}}"#),
        (#"{"spec":{"serviceAccount":{"issuer":"x","apiAudiences":["x"]}}}"#, #"{"spec":{}}"#),
    ]

    @Test(arguments: pairs.map { $0 })
    func applyingTheDiffGivesTheModifiedDocument(_ pair: (String, String)) throws {
        let original = try JSONValue(parsing: pair.0)
        let modified = try JSONValue(parsing: pair.1)
        let patch = try #require(MergePatch.diff(from: original, to: modified))
        #expect(MergePatch.apply(patch, to: original) == modified)
    }

    @Test func equalDocumentsHaveNoDiff() throws {
        let document = try JSONValue(parsing: #"{"a":{"b":[1,{"c":null}]},"d":"e"}"#)
        #expect(MergePatch.diff(from: document, to: document) == nil)
    }

    @Test func diffSendsOnlyWhatChanged() throws {
        let original = try JSONValue(parsing: #"{"name":"a","spec":{"version":"1.19.3","oidc":{}},"labels":{"env":"x"}}"#)
        let modified = try JSONValue(parsing: #"{"name":"a","spec":{"version":"1.20.2","oidc":{}},"labels":{}}"#)
        #expect(MergePatch.diff(from: original, to: modified)?.serializedString == #"{"spec":{"version":"1.20.2"},"labels":{"env":null}}"#)
    }
}

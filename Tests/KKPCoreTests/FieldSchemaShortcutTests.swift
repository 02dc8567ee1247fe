import KKPTesting
import Testing

@testable import KKPCore

/// The shortcuts the schema walks take on every write (no paths built when the cluster conforms, no rebuild when no
/// member is unknown, no search when members are already in order) answer exactly as the full walks do, on the fixture
/// clusters and on thousands of random variants of them: members shuffled, unknown members added, values of the wrong
/// type, nulls.
struct FieldSchemaShortcutTests {
    /// SplitMix64: the same variants on every run.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
        mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    }

    static let oddValues: [JSONValue] = [
        "text", true, 7, .number(JSONNumber(validatedLiteral: "1.5")), .number(JSONNumber(validatedLiteral: "2e3")), nil, [], ["a", nil], [:],
        ["k": "v"],
    ]

    /// A variant of `value`: at each level, with small chances, members shuffled, an unknown member added, a member
    /// replaced by an odd value.
    static func variant(of value: JSONValue, _ random: inout Random) -> JSONValue {
        switch value {
        case .object(let object):
            var members = object.members.map { (key: $0.key, value: variant(of: $0.value, &random)) }
            if random.chance(15), members.count > 1 { members.swapAt(random.below(members.count), random.below(members.count)) }
            if random.chance(5) { members.insert((key: "zz\(random.below(3))", value: "x"), at: random.below(members.count + 1)) }
            if random.chance(5), !members.isEmpty { members[random.below(members.count)].value = oddValues[random.below(oddValues.count)] }
            var seen = Set<String>()
            return .object(JSONObject(members.filter { seen.insert($0.key).inserted }))
        case .array(let elements):
            var elements = elements.map { variant(of: $0, &random) }
            if random.chance(5) { elements.append(oddValues[random.below(oddValues.count)]) }
            return .array(elements)
        default:
            return random.chance(3) ? oddValues[random.below(oddValues.count)] : value
        }
    }

    static func documents() throws -> [JSONValue] {
        let fixtures = try Fixtures.load()
        var documents = fixtures.clusters.flatMap { [JSONValue.object($0.documents.intent), .object($0.documents.effective)] }
        var random = Random(state: 20_261_204)
        let originals = documents
        for _ in 0..<400 {
            documents.append(variant(of: originals[random.below(originals.count)], &random))
        }
        return documents
    }

    /// The document as compact JSON text, members in their order.
    static func text(_ value: JSONValue) -> String {
        String(decoding: value.serialized(), as: UTF8.self)
    }

    @Test func shortcutsAnswerAsTheFullWalks() throws {
        let schema = ClusterSchema.cluster
        var conforming = 0
        var withUnknown = 0
        var outOfOrder = 0
        for document in try Self.documents() {
            let mismatch = schema.mismatch(in: document, path: "")
            #expect(schema.conforms(document) == (mismatch == nil))
            #expect(schema.firstMismatch(in: document, path: "") == mismatch)
            let full = schema.removingUnknown(document, path: "")
            #expect(schema.hasUnknownMembers(document) == !full.removed.isEmpty)
            let cleaned = schema.removingUnknownMembers(document)
            // Serialized, because JSON objects compare equal whatever the order of their members.
            #expect(Self.text(cleaned.value) == Self.text(full.value) && cleaned.removed == full.removed)
            let ordered = schema.canonicallyOrdered(document, checkingOrder: false)
            #expect(Self.text(schema.canonicallyOrdered(document)) == Self.text(ordered))
            if mismatch == nil { conforming += 1 }
            if !full.removed.isEmpty { withUnknown += 1 }
            if Self.text(ordered) != Self.text(document) { outOfOrder += 1 }
        }
        // The variants reach both sides of every shortcut.
        #expect(conforming > 10 && conforming < 400)
        #expect(withUnknown > 10 && withUnknown < 400)
        #expect(outOfOrder > 10)
    }
}

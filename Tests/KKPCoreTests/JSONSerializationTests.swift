import Foundation
import KKPCore
import Testing

/// Random JSON values from a fixed seed (SplitMix64), with the strings, numbers and shapes that are easy to get wrong.
private struct RandomJSON {
    private var state: UInt64
    /// The most digits an exponent gets; Foundation refuses numbers beyond a `Double`'s range.
    private let exponentDigits: Int

    init(seed: UInt64, exponentDigits: Int = 3) {
        state = seed
        self.exponentDigits = exponentDigits
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    private static let scalars: [Unicode.Scalar] = [
        "a", "Z", "0", " ", "/", "\"", "\\", "<", ">", "&", "'", "\u{0}", "\u{1}", "\u{8}", "\u{9}", "\u{A}", "\u{C}", "\u{D}", "\u{1F}",
        "\u{7F}", "\u{80}", "é", "€", "\u{2027}", "\u{2028}", "\u{2029}", "\u{202A}", "日", "\u{FFFF}", "😀", "\u{10FFFF}", "\u{301}",
    ]

    mutating func string() -> String {
        var result = String.UnicodeScalarView()
        for _ in 0..<below(24) {
            result.append(below(3) == 0 ? Self.scalars[below(Self.scalars.count)] : Unicode.Scalar(UInt8(0x61 + below(26))))
        }
        return String(result)
    }

    mutating func digits(_ count: Int, leadingZero: Bool) -> String {
        var text = ""
        for position in 0..<count {
            text += String(position == 0 && !leadingZero ? 1 + below(9) : below(10))
        }
        return text
    }

    /// A number literal built from RFC 8259's grammar.
    mutating func number() -> String {
        var literal = below(3) == 0 ? "-" : ""
        literal += below(4) == 0 ? "0" : digits(1 + below(25), leadingZero: false)
        if below(2) == 0 { literal += "." + digits(1 + below(6), leadingZero: true) }
        if below(3) == 0 { literal += ["e", "E"][below(2)] + ["", "+", "-"][below(3)] + digits(1 + below(exponentDigits), leadingZero: true) }
        return literal
    }

    mutating func value(depth: Int) -> JSONValue {
        switch below(depth > 0 ? 7 : 4) {
        case 0: return [.null, .bool(true), .bool(false)][below(3)]
        case 1, 2: return .number(JSONNumber(validatedLiteral: number()))
        case 3: return .string(string())
        case 4: return .array((0..<below(6)).map { _ in value(depth: depth - 1) })
        default: return .object(JSONObject((0..<below(6)).map { _ in (key: string(), value: value(depth: depth - 1)) }))
        }
    }
}

struct JSONSerializationTests {
    // MARK: Escaping

    @Test(arguments: [
        ("<a&b>", #""\u003ca\u0026b\u003e""#),
        ("\u{2028}x\u{2029}", #""\u2028x\u2029""#),
        ("a\"b\\c", #""a\"b\\c""#),
        ("\n\r\t\u{8}\u{C}", #""\n\r\t\b\f""#),
        ("\u{0}\u{1}\u{B}\u{1B}\u{1F}", #""\u0000\u0001\u000b\u001b\u001f""#),
        ("a/b", #""a/b""#),
        ("\u{7F}", "\"\u{7F}\""),
        ("é€😀 日本", "\"é€😀 日本\""),
        ("\u{2027}\u{202A}€", "\"\u{2027}\u{202A}€\""),
        ("", #""""#),
        ("a long run of text that needs no escaping at all, then <", #""a long run of text that needs no escaping at all, then \u003c""#),
        ("</script><script>alert('x')</script>", #""\u003c/script\u003e\u003cscript\u003ealert('x')\u003c/script\u003e""#),
    ])
    func stringsAreEscapedAsGoEscapesThem(_ string: String, _ expected: String) throws {
        #expect(JSONValue.string(string).serializedString == expected)
        #expect(JSONValue.object(JSONObject([(key: string, value: .null)])).serializedString == "{\(expected):null}")
        #expect(try JSONValue(parsing: expected) == .string(string))
    }

    @Test func everyASCIIControlCharacterIsEscaped() throws {
        let controls = String(String.UnicodeScalarView((0..<0x20).map { Unicode.Scalar(UInt8($0)) }))
        let expected =
            #""\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f"#
            + #"\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f""#
        #expect(JSONValue.string(controls).serializedString == expected)
    }

    // MARK: Shape

    @Test func outputIsCompactInStoredOrderWithNumbersAsWritten() {
        let value: JSONValue = .object(
            JSONObject([
                (key: "z", value: .number(JSONNumber(validatedLiteral: "1.0"))), (key: "a", value: [true, false, nil]),
                (key: "m", value: .number(JSONNumber(validatedLiteral: "-0"))), (key: "e", value: .object(JSONObject())), (key: "l", value: []),
            ]))
        #expect(value.serializedString == #"{"z":1.0,"a":[true,false,null],"m":-0,"e":{},"l":[]}"#)
        #expect(value.serialized() == Array(value.serializedString.utf8))
    }

    @Test(arguments: [
        #"{"id":"w225mx4z66","name":"staging-eu","labels":{"env":"staging","team":"platform"},"spec":{"cloud":{"dc":"aws-eu-central-1a","aws":{"vpcId":"vpc-0a1b2c3d"}},"version":"1.29.4","clusterNetwork":{"pods":{"cidrBlocks":["172.25.0.0/16"]},"services":{"cidrBlocks":["10.240.16.0/20"]},"proxyMode":"ipvs","nodeLocalDNSCacheEnabled":true},"exposeStrategy":"NodePort"},"status":{"version":"1.29.4","url":"https://w225mx4z66.eu.example.com:31270","externalCCMMigration":"Unsupported"},"machineDeploymentCount":3,"ratio":1.0,"big":12345678901234567890123,"tiny":1.5e-300,"owner":"Zoë Ångström 😀","html":"\u003cb\u003e\u0026","ctl":"a\nb\u0001","sep":"\u2028","empty":"","nothing":null}"#,
        "[]", "{}", "[[[]],{},[{}]]", #"["\"\\"]"#, "-0.0", "null", #"{"a":{"b":{"c":{"d":[1,2,3]}}}}"#,
    ])
    func aCompactCanonicalDocumentComesBackByteForByte(_ text: String) throws {
        #expect(try JSONValue(parsing: text).serializedString == text)
    }

    @Test func serializingAppendsToAnExistingBuffer() {
        var buffer = Array("prefix:".utf8)
        let value: JSONValue = ["a": [1, "<"]]
        value.serialize(into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == #"prefix:{"a":[1,"\u003c"]}"#)
    }

    // MARK: Pretty

    @Test func prettyOutputIsIndentedByTwoSpacesLikeGo() {
        let value: JSONValue = ["a": [1, ["b": nil, "c": []]], "d": .object(JSONObject()), "e": "<é>"]
        let expected = """
            {
              "a": [
                1,
                {
                  "b": null,
                  "c": []
                }
              ],
              "d": {},
              "e": "\\u003cé\\u003e"
            }
            """
        #expect(String(decoding: value.prettySerialized(), as: UTF8.self) == expected)
        #expect(String(decoding: JSONValue.string("x").prettySerialized(), as: UTF8.self) == #""x""#)
        #expect(String(decoding: JSONValue.array([]).prettySerialized(), as: UTF8.self) == "[]")
    }

    // MARK: Round trips

    @Test(arguments: 0..<4)
    func parsingSerializedValuesGivesThemBack(_ seed: UInt64) throws {
        var random = RandomJSON(seed: seed)
        for _ in 0..<250 {
            let value = random.value(depth: 4)
            let compact = value.serialized()
            #expect(try JSONValue(parsing: compact) == value)
            #expect(try JSONValue(parsing: value.prettySerialized()) == value)
            #expect(try JSONValue(parsing: compact).serialized() == compact)
        }
    }

    @Test func foundationReadsWhatWeWrite() throws {
        var random = RandomJSON(seed: 42, exponentDigits: 2)
        for _ in 0..<200 {
            let value = JSONValue.array([random.value(depth: 4)])
            let strings = try #require(JSONSerialization.jsonObject(with: Data(value.serialized())) as? [Any])
            if case .string(let string) = value.arrayValue?.first {
                #expect(strings.first as? String == string)
            }
        }
    }

    @Test func literalValuesRoundTrip() throws {
        let values: [JSONValue] = [
            nil, true, false, 0, -1, .number(JSONNumber(Int.max)), .number(JSONNumber(Int.min)), "", "x", [], .object(JSONObject()),
            ["nested": ["deeper": [["k": "v"]]]],
        ]
        for value in values {
            #expect(try JSONValue(parsing: value.serialized()) == value)
            #expect(try JSONValue(parsing: value.serializedString) == value)
        }
    }
}

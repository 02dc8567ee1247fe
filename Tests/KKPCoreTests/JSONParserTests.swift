import KKPCore
import Testing

struct JSONParserTests {
    @Test(arguments: [
        "0", "-0", "1.0", "1e3", "1E+3", "-0.0", "12345678901234567890123", "1.5e-300", "-12.5E-7", "0.000001",
        "123456789012345678901234567890.123456789e-99999",
    ])
    func numbersRoundTripExactly(_ literal: String) throws {
        let value = try JSONValue(parsing: "[\(literal)]")
        #expect(value.serializedString == "[\(literal)]")
        #expect(value.arrayValue?.first?.numberValue?.literal == literal)
    }

    @Test(arguments: ["01", "+1", ".5", "1.", "1e", "1e+", "-", "--1", "NaN", "Infinity", "0x10", "1.e3", "-.5", "00"])
    func invalidNumbersAreRefused(_ literal: String) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: literal) }
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: "[\(literal)]") }
    }

    @Test func literalsAndStructures() throws {
        let value = try JSONValue(parsing: #" {"a":[true,false,null,{}],"b":{"c":[]}, "d" : "e"} "#)
        #expect(value == ["a": [true, false, nil, .object(JSONObject())], "b": ["c": []], "d": "e"])
    }

    @Test(arguments: [
        ("", JSONParseError.Kind.emptyInput, 0), ("  \n", .emptyInput, 3), ("{", .unexpectedEnd, 1), (#"{"a""#, .unexpectedEnd, 4),
        (#"{"a":1}x"#, .trailingData, 7), (#"{"a":1} {"#, .trailingData, 8), ("[1,]", .unexpectedCharacter, 3),
        (#"{"a":1,}"#, .unexpectedCharacter, 7), ("{a:1}", .unexpectedCharacter, 1), ("tru", .unexpectedEnd, 3), ("nul!", .unexpectedCharacter, 3),
        (#"["a\x"]"#, .invalidEscape, 4), (#"["\u12G4"]"#, .invalidEscape, 6), ("[\"a\u{1}\"]", .controlCharacterInString, 3),
        (#"{"a":1,"a":2}"#, .duplicateKey, 7), (#"["\ud800"]"#, .loneSurrogate, 2), (#"["\udc00x"]"#, .loneSurrogate, 2),
        (#"["\ud800\u0041"]"#, .loneSurrogate, 2), ("[1 2]", .unexpectedCharacter, 3), ("\u{FEFF}{}", .unexpectedCharacter, 0),
    ])
    func refusalsNameTheKindAndTheOffset(_ text: String, _ kind: JSONParseError.Kind, _ offset: Int) {
        let error = #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
        #expect(error?.kind == kind)
        #expect(error?.offset == offset)
    }

    @Test func messagesFollowGo() {
        let cases: [(String, String)] = [
            ("", "unexpected end of JSON input"),
            ("x", "invalid character 'x' looking for beginning of value"),
            (#"{"a" 1}"#, "invalid character '1' after object key"),
            (#"{"a":1 "b":2}"#, "invalid character '\"' after object key:value pair"),
            ("[1 2]", "invalid character '2' after array element"),
            ("{1:2}", "invalid character '1' looking for beginning of object key string"),
            ("{} x", "invalid character 'x' after top-level value"),
            ("[\"\u{1}\"]", "invalid character '\\x01' in string literal"),
            (#"{"k":1,"k":2}"#, "duplicate key \"k\" in object"),
        ]
        for (text, message) in cases {
            let error = #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
            #expect(error?.message == message, "\(text)")
        }
    }

    @Test(arguments: [
        [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80], [0xFF], [0xF8, 0x88, 0x80, 0x80, 0x80],
        [0xE0, 0x80, 0xAF], [0xC2],
    ] as [[UInt8]])
    func invalidUTF8IsRefused(_ sequence: [UInt8]) {
        let bytes = Array(#"["a"#.utf8) + sequence + Array(#"b"]"#.utf8)
        let error = #expect(throws: JSONParseError.self) { try JSONValue(parsing: bytes) }
        #expect(error?.kind == .invalidUTF8)
    }

    @Test func validUTF8IsKept() throws {
        let value = try JSONValue(parsing: Array(#"["é€😀 日本"]"#.utf8))
        #expect(value == ["é€😀 日本"])
    }

    @Test func escapesAndSurrogatePairsDecode() throws {
        let value = try JSONValue(parsing: #"["\"\\\/\b\f\n\r\t\u0041\u00e9\ud83d\ude00"]"#)
        #expect(value == ["\"\\/\u{8}\u{C}\n\r\tAé😀"])
    }

    @Test func depthLimitIsExact() throws {
        let atLimit = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try JSONValue(parsing: atLimit) }
        let past = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        let error = #expect(throws: JSONParseError.self) { try JSONValue(parsing: past) }
        #expect(error?.kind == .tooDeep)
        let objects = String(repeating: #"{"a":"#, count: 65) + "1" + String(repeating: "}", count: 65)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: objects) }
        #expect(throws: Never.self) { try JSONValue(parsing: "[[1]]", limits: .init(maxDepth: 2)) }
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: "[[1]]", limits: .init(maxDepth: 1)) }
    }

    @Test func hugeNestingDoesNotCrash() {
        let bytes = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        let error = #expect(throws: JSONParseError.self) { try JSONValue(parsing: bytes) }
        #expect(error?.kind == .tooDeep)
    }

    @Test func duplicateKeysAreFoundInLargeObjects() {
        let members = (0..<100).map { #""k\#($0)":\#($0)"# }
        #expect(throws: Never.self) { try JSONValue(parsing: "{" + members.joined(separator: ",") + "}") }
        let duplicated = members + [#""k57":0"#]
        let error = #expect(throws: JSONParseError.self) { try JSONValue(parsing: "{" + duplicated.joined(separator: ",") + "}") }
        #expect(error?.kind == .duplicateKey)
        let escaped = #"{"a":1,"\u0061":2}"#
        #expect((#expect(throws: JSONParseError.self) { try JSONValue(parsing: escaped) })?.kind == .duplicateKey)
    }

    @Test func memberOrderIsKept() throws {
        let value = try JSONValue(parsing: #"{"z":1,"a":2,"m":3}"#)
        #expect(value.objectValue?.keys == ["z", "a", "m"])
    }

    @Test func nonContiguousInputParses() throws {
        let bytes = Array(#"{"a":[1]}"#.utf8).lazy.map { $0 }
        #expect(try JSONValue(parsing: bytes) == ["a": [1]])
    }
}

struct JSONSerializationTests {
    @Test func compactCanonicalDocumentsRoundTripByteForByte() throws {
        let text = #"{"id":"w225mx4z66","n":-0.0,"big":1e400,"s":"é/\"\\\n","a":[],"o":{},"l":[true,false,null]}"#
        #expect(try JSONValue(parsing: text).serializedString == text)
    }

    @Test func escapingFollowsGo() {
        let value: JSONValue = .string("<a&b>\u{2028}\u{2029}\u{1}\t/é😀")
        #expect(value.serializedString == #""\u003ca\u0026b\u003e\u2028\u2029\u0001\t/é😀""#)
    }

    @Test(arguments: [
        JSONValue.null, true, 1, "x", [], .object(JSONObject()), ["a": [1, ["b": nil]], "c": "\u{0}\u{7f}\u{80}"],
    ])
    func parseOfSerializeIsIdentity(_ value: JSONValue) throws {
        #expect(try JSONValue(parsing: value.serialized()) == value)
        #expect(try JSONValue(parsing: value.prettySerialized()) == value)
    }

    @Test func prettyOutputIsIndented() {
        let value: JSONValue = ["a": [1, 2], "b": .object(JSONObject())]
        #expect(String(decoding: value.prettySerialized(), as: UTF8.self) == "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {}\n}")
    }
}

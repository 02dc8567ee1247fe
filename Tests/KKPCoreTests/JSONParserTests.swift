import KKPCore
import Testing

/// The error `JSONValue(parsing:)` throws for `bytes`, or `nil` when it parses.
private func refusal(_ bytes: [UInt8], limits: JSONParser.Limits = .init()) -> JSONParseError? {
    do {
        _ = try JSONValue(parsing: bytes, limits: limits)
        return nil
    } catch {
        return error
    }
}

/// The error `JSONValue(parsing:)` throws for `text`, or `nil` when it parses.
private func refusal(_ text: String, limits: JSONParser.Limits = .init()) -> JSONParseError? {
    refusal(Array(text.utf8), limits: limits)
}

struct JSONParserTests {
    // MARK: Values

    @Test func literalsArraysAndObjectsParseWithWhitespaceAnywhere() throws {
        let value = try JSONValue(parsing: " \t\r\n{\"a\" : [ true , false , null , { } , [ ] ] ,\n\"b\":{\"c\":[]}, \"d\" : \"e\"} \n")
        #expect(value == ["a": [true, false, nil, .object(JSONObject()), []], "b": ["c": []], "d": "e"])
    }

    @Test(arguments: ["null", "true", "false", "0", "\"\"", "\"x\"", "[]", "{}"])
    func anySingleValueIsADocument(_ text: String) throws {
        #expect(try JSONValue(parsing: text).serializedString == text)
    }

    @Test(arguments: [
        "0", "-0", "1.0", "1e3", "1E+3", "-0.0", "12345678901234567890123", "1.5e-300", "-12.5E-7", "0.000001", "1e-0", "100",
        "9007199254740993", "-9223372036854775809", "123456789012345678901234567890.123456789e-99999",
    ])
    func numbersComeBackByteIdentical(_ literal: String) throws {
        #expect(try JSONValue(parsing: literal) == .number(JSONNumber(validatedLiteral: literal)))
        #expect(try JSONValue(parsing: literal).serializedString == literal)
        let array = try JSONValue(parsing: "[\(literal),\(literal)]")
        #expect(array.serializedString == "[\(literal),\(literal)]")
        #expect(array.arrayValue?.first?.numberValue?.literal == literal)
        #expect(try JSONValue(parsing: #"{"n":\#(literal)}"#).serializedString == #"{"n":\#(literal)}"#)
    }

    @Test func aNumberHasNoLengthLimit() throws {
        let literal = "-" + String(repeating: "7", count: 10_000) + "." + String(repeating: "3", count: 5_000) + "e+123456"
        #expect(try JSONValue(parsing: literal).numberValue?.literal == literal)
    }

    @Test func membersKeepDocumentOrder() throws {
        let value = try JSONValue(parsing: #"{"z":1,"a":2,"m":{"y":true,"b":false},"c":null}"#)
        #expect(value.objectValue?.keys == ["z", "a", "m", "c"])
        #expect(value["m"]?.objectValue?.keys == ["y", "b"])
    }

    @Test func anyCollectionOfBytesCanBeParsed() throws {
        let text = #"{"a":[1,"é"]}"#
        let expected: JSONValue = ["a": [1, "é"]]
        #expect(try JSONValue(parsing: Array(text.utf8)) == expected)
        #expect(try JSONValue(parsing: Array(("xx" + text + "yy").utf8)[2..<(text.utf8.count + 2)]) == expected)
        #expect(try JSONValue(parsing: text.utf8) == expected)
        #expect(try JSONValue(parsing: Array(text.utf8).lazy.map { $0 }) == expected)  // not contiguous: copied first
        #expect(try JSONValue(parsing: String(("  " + text + "  ").dropFirst())) == expected)
    }

    // MARK: Strings

    @Test func escapesAreDecoded() throws {
        let value = try JSONValue(parsing: #"["\"\\\/\b\f\n\r\t\u0041\u00e9\u20AC\ud83d\ude00\uD83D\uDE00\u0000"]"#)
        #expect(value.arrayValue?.first?.stringValue == "\"\\/\u{8}\u{C}\n\r\tAé€😀😀\u{0}")
    }

    @Test func aSurrogatePairBecomesOneScalar() throws {
        let string = try JSONValue(parsing: #""\ud83d\ude00""#).stringValue
        #expect(string == "😀")
        #expect(string?.unicodeScalars.map(\.value) == [0x1F600])
        #expect(try JSONValue(parsing: #""\udbff\udfff""#).stringValue?.unicodeScalars.map(\.value) == [0x10FFFF])
    }

    @Test(arguments: [
        "é€😀 日本", "\u{7F}", "\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}", "\u{2028}\u{2029}", "plain ascii that is longer than eight bytes",
    ])
    func wellFormedUTF8IsKeptAsItIs(_ text: String) throws {
        #expect(try JSONValue(parsing: "[\"\(text)\"]").arrayValue?.first?.stringValue == text)
        #expect(try JSONValue(parsing: "{\"\(text)\":\"\\n\(text)\"}")[text]?.stringValue == "\n" + text)
    }

    @Test func longStringsWithAndWithoutEscapesAreRead() throws {
        let long = String(repeating: "abcdefghijklmnopqrstuvwxyz0123456789-é€😀", count: 300)
        #expect(try JSONValue(parsing: "\"\(long)\"").stringValue == long)
        #expect(try JSONValue(parsing: "\"\(long)\\t\(long)\"").stringValue == long + "\t" + long)
    }

    @Test(arguments: [
        (#"["a\x"]"#, 4, #"invalid character 'x' in string escape code"#),
        (#"["\'"]"#, 3, #"invalid character '\'' in string escape code"#),
        (#"["\U0041"]"#, 3, #"invalid character 'U' in string escape code"#),
        (#"["\u12G4"]"#, 6, #"invalid character 'G' in \u hexadecimal character escape"#),
        (#"["\u12"]"#, 6, #"invalid character '"' in \u hexadecimal character escape"#),
        (#"["ok\ud83d\uXYZW"]"#, 12, #"invalid character 'X' in \u hexadecimal character escape"#),
    ])
    func unknownEscapesAreRefused(_ text: String, _ offset: Int, _ message: String) {
        let error = refusal(text)
        #expect(error?.kind == .invalidEscape)
        #expect(error?.offset == offset)
        #expect(error?.message == message)
    }

    @Test(arguments: [
        (#"["\ud800"]"#, 2, #"lone surrogate '\ud800' in string literal"#),
        (#"["\udc00x"]"#, 2, #"lone surrogate '\udc00' in string literal"#),
        (#"["\ud800\u0041"]"#, 2, #"lone surrogate '\ud800' in string literal"#),
        (#"["\ud800\n"]"#, 2, #"lone surrogate '\ud800' in string literal"#),
        (#"["ab\uDE00\ud83d"]"#, 4, #"lone surrogate '\uDE00' in string literal"#),
        (#"["\ud83d\ud83d"]"#, 2, #"lone surrogate '\ud83d' in string literal"#),
        (#"{"\udfff":1}"#, 2, #"lone surrogate '\udfff' in string literal"#),
    ])
    func loneSurrogateEscapesAreRefused(_ text: String, _ offset: Int, _ message: String) {
        let error = refusal(text)
        #expect(error?.kind == .loneSurrogate)
        #expect(error?.offset == offset)
        #expect(error?.message == message)
    }

    @Test(arguments: [
        ("[\"a\u{1}\"]", 3, #"invalid character '\x01' in string literal"#),
        ("[\"a\nb\"]", 3, #"invalid character '\n' in string literal"#),
        ("[\"\t\"]", 2, #"invalid character '\t' in string literal"#),
        ("[\"\u{0}\"]", 2, #"invalid character '\x00' in string literal"#),
        ("{\"k\u{1F}\":1}", 3, #"invalid character '\x1f' in string literal"#),
        ("[\"\\n\u{1B}\"]", 4, #"invalid character '\x1b' in string literal"#),
        ("[\"0123456789abcdef\r\"]", 18, #"invalid character '\r' in string literal"#),
    ])
    func rawControlCharactersInStringsAreRefused(_ text: String, _ offset: Int, _ message: String) {
        let error = refusal(text)
        #expect(error?.kind == .controlCharacterInString)
        #expect(error?.offset == offset)
        #expect(error?.message == message)
    }

    @Test(
        arguments: [
            ([0xC0, 0xAF], "overlong two-byte '/'"),
            ([0xC1, 0xBF], "overlong two-byte DEL"),
            ([0xE0, 0x80, 0xAF], "overlong three-byte '/'"),
            ([0xF0, 0x80, 0x80, 0xAF], "overlong four-byte '/'"),
            ([0xED, 0xA0, 0x80], "UTF-8-encoded high surrogate U+D800"),
            ([0xED, 0xBF, 0xBF], "UTF-8-encoded low surrogate U+DFFF"),
            ([0xF4, 0x90, 0x80, 0x80], "U+110000, above the maximum"),
            ([0xF5, 0x80, 0x80, 0x80], "lead byte F5"),
            ([0xFF], "byte FF"),
            ([0xE2, 0x82], "truncated three-byte sequence"),
            ([0xF0, 0x9F, 0x98], "truncated four-byte sequence"),
            ([0x80], "lone continuation byte"),
            ([0xC3, 0x28], "lead byte followed by ASCII"),
        ] as [([UInt8], String)])
    func invalidUTF8InStringsIsRefused(_ sequence: [UInt8], _ what: String) {
        for prefix in ["", "0123456789abcdef", "\\n"] {
            let bytes = Array("[\"\(prefix)".utf8) + sequence + Array("\"]".utf8)
            let error = refusal(bytes)
            #expect(error?.kind == .invalidUTF8, "\(what) after \(prefix.debugDescription)")
            #expect(error?.offset == 2 + prefix.utf8.count, "\(what) after \(prefix.debugDescription)")
            #expect(error?.message == "invalid UTF-8 in string")
        }
        let key = Array("{\"".utf8) + sequence + Array("\":1}".utf8)
        #expect(refusal(key)?.kind == .invalidUTF8)
    }

    @Test func aTruncatedSequenceAtTheEndOfInputIsInvalidUTF8() {
        #expect(refusal(Array("\"ab".utf8) + [0xE2, 0x82])?.kind == .invalidUTF8)
        #expect(refusal(Array("\"ab".utf8) + [0xE2, 0x82])?.offset == 3)
    }

    @Test(
        arguments: [
            ([0x80], 0, .invalidUTF8, #"invalid character '\u0080' looking for beginning of value"#),
            (Array("[1]".utf8) + [0xFF], 3, .invalidUTF8, "invalid character 'ÿ' after top-level value"),
            (Array("[1,".utf8) + [0xC0, 0xAF] + Array("]".utf8), 3, .invalidUTF8, "invalid character 'À' looking for beginning of value"),
            (
                Array("{".utf8) + [0xED, 0xA0, 0x80] + Array("}".utf8), 1, .invalidUTF8,
                "invalid character 'í' looking for beginning of object key string"
            ),
            ([0xEF, 0xBB, 0xBF] + Array("{}".utf8), 0, .unexpectedCharacter, "invalid character 'ï' looking for beginning of value"),
            (Array("[1]".utf8) + [0xC3, 0xA9], 3, .trailingData, "invalid character 'Ã' after top-level value"),
            ([0xC2, 0xA0] + Array("1".utf8), 0, .unexpectedCharacter, "invalid character 'Â' looking for beginning of value"),
            ([0xA0], 0, .invalidUTF8, #"invalid character '\u00a0' looking for beginning of value"#),
        ] as [([UInt8], Int, JSONParseError.Kind, String)])
    func nonASCIIOutsideStringsIsRefusedAndInvalidUTF8IsNamed(_ bytes: [UInt8], _ offset: Int, _ kind: JSONParseError.Kind, _ message: String) {
        let error = refusal(bytes)
        #expect(error?.kind == kind)
        #expect(error?.offset == offset)
        #expect(error?.message == message)
    }

    // MARK: Numbers

    @Test(
        arguments: [
            ("01", 1, .invalidNumber, "invalid character '1' after top-level value"),
            ("00", 1, .invalidNumber, "invalid character '0' after top-level value"),
            ("[01]", 2, .invalidNumber, "invalid character '1' after array element"),
            (#"{"a":-01}"#, 7, .invalidNumber, "invalid character '1' after object key:value pair"),
            ("+1", 0, .invalidNumber, "invalid character '+' looking for beginning of value"),
            (".5", 0, .invalidNumber, "invalid character '.' looking for beginning of value"),
            ("-.5", 1, .invalidNumber, "invalid character '.' in numeric literal"),
            ("1.", 2, .invalidNumber, "invalid character ' ' after decimal point in numeric literal"),
            ("[1.]", 3, .invalidNumber, "invalid character ']' after decimal point in numeric literal"),
            ("1.e3", 2, .invalidNumber, "invalid character 'e' after decimal point in numeric literal"),
            ("1e", 2, .invalidNumber, "invalid character ' ' in exponent of numeric literal"),
            ("1e+", 3, .invalidNumber, "invalid character ' ' in exponent of numeric literal"),
            ("[1e+]", 4, .invalidNumber, "invalid character ']' in exponent of numeric literal"),
            ("[1E-x]", 4, .invalidNumber, "invalid character 'x' in exponent of numeric literal"),
            ("-", 1, .invalidNumber, "invalid character ' ' in numeric literal"),
            ("--1", 1, .invalidNumber, "invalid character '-' in numeric literal"),
            ("-Infinity", 1, .invalidNumber, "invalid character 'I' in numeric literal"),
            ("0x1F", 1, .invalidNumber, "invalid character 'x' after top-level value"),
            ("1.2.3", 3, .invalidNumber, "invalid character '.' after top-level value"),
            ("1e5e5", 3, .invalidNumber, "invalid character 'e' after top-level value"),
            ("[12abc]", 3, .invalidNumber, "invalid character 'a' after array element"),
            ("NaN", 0, .unexpectedCharacter, "invalid character 'N' looking for beginning of value"),
            ("Infinity", 0, .unexpectedCharacter, "invalid character 'I' looking for beginning of value"),
        ] as [(String, Int, JSONParseError.Kind, String)])
    func numbersOutsideRFC8259AreRefused(_ text: String, _ offset: Int, _ kind: JSONParseError.Kind, _ message: String) {
        let error = refusal(text)
        #expect(error?.kind == kind)
        #expect(error?.offset == offset)
        #expect(error?.message == message)
    }

    // MARK: Structure

    @Test(
        arguments: [
            ("", 0, .emptyInput, "unexpected end of JSON input"),
            (" \n\t\r", 4, .emptyInput, "unexpected end of JSON input"),
            ("{", 1, .unexpectedEnd, "unexpected end of JSON input"),
            ("[1,", 3, .unexpectedEnd, "unexpected end of JSON input"),
            ("[1", 2, .unexpectedEnd, "unexpected end of JSON input"),
            (#"{"a""#, 4, .unexpectedEnd, "unexpected end of JSON input"),
            (#"{"a":"#, 5, .unexpectedEnd, "unexpected end of JSON input"),
            (#"{"a":1"#, 6, .unexpectedEnd, "unexpected end of JSON input"),
            (#""abc"#, 4, .unexpectedEnd, "unexpected end of JSON input"),
            (#""abc\"#, 5, .unexpectedEnd, "invalid character ' ' in string escape code"),
            (#""\u12"#, 5, .unexpectedEnd, #"invalid character ' ' in \u hexadecimal character escape"#),
            (#""\ud83d"#, 7, .unexpectedEnd, "unexpected end of JSON input"),
            (#""\ud83d\"#, 8, .unexpectedEnd, "invalid character ' ' in string escape code"),
            ("[nul", 4, .unexpectedEnd, "invalid character ' ' in literal null (expecting 'l')"),
            ("tru", 3, .unexpectedEnd, "invalid character ' ' in literal true (expecting 'e')"),
            (#"{"a":1}x"#, 7, .trailingData, "invalid character 'x' after top-level value"),
            ("{} {}", 3, .trailingData, "invalid character '{' after top-level value"),
            ("1 2", 2, .trailingData, "invalid character '2' after top-level value"),
            ("truex", 4, .trailingData, "invalid character 'x' after top-level value"),
            ("[1,]", 3, .unexpectedCharacter, "invalid character ']' looking for beginning of value"),
            ("[,1]", 1, .unexpectedCharacter, "invalid character ',' looking for beginning of value"),
            (#"{"a":1,}"#, 7, .unexpectedCharacter, "invalid character '}' looking for beginning of object key string"),
            ("{a:1}", 1, .unexpectedCharacter, "invalid character 'a' looking for beginning of object key string"),
            (#"{"a" 1}"#, 5, .unexpectedCharacter, "invalid character '1' after object key"),
            (#"{"a"}"#, 4, .unexpectedCharacter, "invalid character '}' after object key"),
            (#"{"a":1 "b":2}"#, 7, .unexpectedCharacter, #"invalid character '"' after object key:value pair"#),
            ("[1 2]", 3, .unexpectedCharacter, "invalid character '2' after array element"),
            ("[1}", 2, .unexpectedCharacter, "invalid character '}' after array element"),
            (#"{"a":1]"#, 6, .unexpectedCharacter, "invalid character ']' after object key:value pair"),
            ("nul!", 3, .unexpectedCharacter, "invalid character '!' in literal null (expecting 'l')"),
            ("trUe", 2, .unexpectedCharacter, "invalid character 'U' in literal true (expecting 'u')"),
            ("[fals]", 5, .unexpectedCharacter, "invalid character ']' in literal false (expecting 'e')"),
            ("x", 0, .unexpectedCharacter, "invalid character 'x' looking for beginning of value"),
            ("'a'", 0, .unexpectedCharacter, #"invalid character '\'' looking for beginning of value"#),
            ("\u{B}1", 0, .unexpectedCharacter, #"invalid character '\v' looking for beginning of value"#),
            ("\u{C}1", 0, .unexpectedCharacter, #"invalid character '\f' looking for beginning of value"#),
            ("[\u{0}]", 1, .unexpectedCharacter, #"invalid character '\x00' looking for beginning of value"#),
            ("\\", 0, .unexpectedCharacter, #"invalid character '\\' looking for beginning of value"#),
        ] as [(String, Int, JSONParseError.Kind, String)])
    func malformedStructureIsRefusedWithGoMessages(_ text: String, _ offset: Int, _ kind: JSONParseError.Kind, _ message: String) {
        let error = refusal(text)
        #expect(error?.kind == kind)
        #expect(error?.offset == offset)
        #expect(error?.message == message)
    }

    @Test func offsetsCountUTF8Bytes() {
        #expect(refusal(#"["é€😀",x]"#)?.offset == 13)
    }

    @Test func theDescriptionAddsTheOffset() {
        #expect(refusal("[1,]")?.description == "invalid character ']' looking for beginning of value (at byte 3)")
    }

    // MARK: Depth

    @Test(arguments: [("[", "]"), ("{\"k\":", "}")])
    func nestingUpToTheLimitIsAcceptedAndOnePastIsRefused(_ open: String, _ close: String) throws {
        let atLimit = String(repeating: open, count: 64) + "1" + String(repeating: close, count: 64)
        #expect(refusal(atLimit) == nil)
        let past = String(repeating: open, count: 65) + "1" + String(repeating: close, count: 65)
        let error = refusal(past)
        #expect(error?.kind == .tooDeep)
        #expect(error?.offset == 64 * open.utf8.count)
        #expect(error?.message == "nesting depth exceeds 64")
        #expect(
            refusal(String(repeating: open, count: 64) + String(repeating: "[]", count: 1) + String(repeating: close, count: 64))?.kind == .tooDeep)
    }

    @Test func mixedNestingCountsArraysAndObjectsTogether() {
        let atLimit = String(repeating: #"[{"a":"#, count: 32) + "null" + String(repeating: "}]", count: 32)
        #expect(refusal(atLimit) == nil)
        let past = String(repeating: #"[{"a":"#, count: 32) + "[]" + String(repeating: "}]", count: 32)
        #expect(refusal(past)?.kind == .tooDeep)
    }

    @Test func theDepthLimitCanBeChanged() {
        #expect(refusal("[[1]]", limits: .init(maxDepth: 2)) == nil)
        #expect(refusal("[[[1]]]", limits: .init(maxDepth: 2))?.message == "nesting depth exceeds 2")
        #expect(refusal("1", limits: .init(maxDepth: 0)) == nil)
        #expect(refusal("[]", limits: .init(maxDepth: 0))?.kind == .tooDeep)
        #expect(JSONParser.Limits().maxDepth == 64)
    }

    @Test func aHundredThousandOpenBracketsDoNotExhaustTheStack() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(refusal(deep)?.kind == .tooDeep)
        #expect(refusal(deep)?.offset == 64)
        // Even without a useful limit the parser is iterative: it reads all of them and reports the missing end.
        #expect(refusal(deep, limits: .init(maxDepth: .max))?.kind == .unexpectedEnd)
        #expect(refusal(String(repeating: #"{"a":"#, count: 100_000), limits: .init(maxDepth: .max))?.kind == .unexpectedEnd)
    }

    @Test func closedDeepNestingWithinAGenerousLimitParses() throws {
        let value = try JSONValue(
            parsing: String(repeating: "[", count: 1_000) + String(repeating: "]", count: 1_000), limits: .init(maxDepth: 1_000))
        var depth = 0
        var current = value
        while let inner = current.arrayValue {
            depth += 1
            guard let first = inner.first else { break }
            current = first
        }
        #expect(depth == 1_000)
    }

    // MARK: Duplicate keys

    @Test(arguments: [
        (#"{"a":1,"a":2}"#, 7, #"duplicate key "a""#),
        (#"{"a":1,"b":2,"a":3}"#, 13, #"duplicate key "a""#),
        (#"{"a":1,"\u0061":2}"#, 7, #"duplicate key "a""#),
        (#"{"x":{"a":1,"a":2}}"#, 12, #"duplicate key "a""#),
        (#"{"a\nb":1,"a\u000ab":2}"#, 10, #"duplicate key "a\nb""#),
        (#"{"\"\\":1,"\"\\":2}"#, 10, #"duplicate key "\"\\""#),
        (#"{"":1,"":2}"#, 6, #"duplicate key """#),
    ])
    func duplicateKeysInSmallObjectsAreRefused(_ text: String, _ offset: Int, _ message: String) {
        let error = refusal(text)
        #expect(error?.kind == .duplicateKey)
        #expect(error?.offset == offset)
        #expect(error?.message == message)
    }

    @Test func theSameKeyInDifferentObjectsIsFine() throws {
        let value = try JSONValue(parsing: #"{"a":{"a":1},"b":{"a":2},"c":[{"a":3},{"a":4}]}"#)
        #expect(value["b"]?["a"] == 2)
    }

    @Test func canonicallyEquivalentKeysAreTheSameKey() {
        // Swift strings compare by canonical equivalence, so JSONObject could not tell these keys apart.
        #expect("K" == "\u{212A}")
        #expect(refusal("{\"\u{E9}\":1,\"e\u{301}\":2}")?.kind == .duplicateKey)
        #expect(refusal("{\"K\":1,\"\u{212A}\":2}")?.kind == .duplicateKey)
        #expect(refusal(#"{"\u212a":1,"K":2}"#)?.kind == .duplicateKey)
    }

    @Test func canonicallyEquivalentKeysAreFoundInLargeObjectsToo() {
        let filler = (0..<20).map { #""f\#($0)":0"# }.joined(separator: ",")
        // The non-ASCII key comes last, after the set of fingerprints has taken over.
        #expect(refusal("{\"Kx\":1,\(filler),\"\u{212A}x\":2}")?.kind == .duplicateKey)
        // The non-ASCII key comes first, while keys are still scanned; its ASCII twin comes after the switch.
        #expect(refusal("{\"\u{212A}x\":1,\(filler),\"Kx\":2}")?.kind == .duplicateKey)
        #expect(refusal("{\"\u{E9}\":1,\(filler),\"e\u{301}\":2}")?.kind == .duplicateKey)
        #expect(refusal("{\"Kx\":1,\(filler),\"\u{212A}y\":2,\"f7\":3}")?.kind == .duplicateKey)
    }

    @Test func largeObjectsWithNonASCIIKeysParse() throws {
        let text = "{" + (0..<500).map { "\"ключ-\($0)\":\($0)" }.joined(separator: ",") + ",\"ascii\":true}"
        let object = try JSONValue(parsing: text).objectValue
        #expect(object?.count == 501)
        #expect(object?["ключ-499"] == 499)
    }

    /// An object of `count` members `"k0"…`, with `duplicate` (a key) appended when given.
    private func bigObject(_ count: Int, duplicate: String? = nil) -> (text: String, duplicateOffset: Int) {
        var text = "{" + (0..<count).map { #""k\#($0)":\#($0)"# }.joined(separator: ",")
        let offset = text.utf8.count + 1
        if let duplicate { text += #","\#(duplicate)":true"# }
        return (text + "}", offset)
    }

    @Test(arguments: [15, 16, 17, 100, 5_000])
    func largeObjectsAreCheckedForDuplicatesToo(_ count: Int) throws {
        #expect(try JSONValue(parsing: bigObject(count).text).objectValue?.count == count)
        for duplicate in ["k0", "k\(count / 2)", "k\(count - 1)"] {
            let (text, offset) = bigObject(count, duplicate: duplicate)
            let error = refusal(text)
            #expect(error?.kind == .duplicateKey)
            #expect(error?.offset == offset)
            #expect(error?.message == "duplicate key \"\(duplicate)\"")
        }
    }

    @Test func aLargeObjectWithUniqueKeysParsesInOrder() throws {
        let object = try JSONValue(parsing: bigObject(20_000).text).objectValue
        #expect(object?.count == 20_000)
        #expect(object?.keys.first == "k0")
        #expect(object?.keys.last == "k19999")
        #expect(object?["k12345"] == 12345)
    }
}

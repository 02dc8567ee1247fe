/// A strict RFC 8259 JSON parser that produces ``JSONValue``s.
///
/// The rules:
/// - The input is exactly one JSON value, with optional whitespace (space, tab, CR, LF) around it. Anything after it
///   is ``JSONParseError/Kind/trailingData``; empty or whitespace-only input is ``JSONParseError/Kind/emptyInput``.
/// - Numbers follow RFC 8259's grammar strictly (no leading zeros, `+`, `.5`, `1.`, NaN or hex) and keep their
///   literal text, so they round-trip exactly.
/// - Strings must be valid UTF-8 (no overlong forms, no encoded surrogates, nothing above U+10FFFF); raw control
///   characters are refused; `\uXXXX` surrogate pairs are combined and a lone surrogate escape is refused.
/// - Arrays and objects may nest ``Limits/maxDepth`` deep (64 by default); the depth is checked before descending,
///   so no input can exhaust the stack.
/// - **Duplicate keys** in one object are refused (``JSONParseError/Kind/duplicateKey``): a document that means two
///   things to two readers is not accepted. Keys are compared after unescaping.
public struct JSONParser {
    /// Limits on what the parser accepts.
    public struct Limits: Sendable {
        /// The deepest nesting of arrays and objects accepted. The default is 64.
        public var maxDepth: Int

        /// Limits with the given depth.
        public init(maxDepth: Int = 64) {
            self.maxDepth = maxDepth
        }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let limits: Limits
    private var index = 0

    private init(bytes: UnsafeBufferPointer<UInt8>, limits: Limits) {
        self.bytes = bytes
        self.limits = limits
    }

    /// Parses one JSON text.
    /// - Throws: `JSONParseError` describing the first problem.
    static func parse(_ buffer: UnsafeBufferPointer<UInt8>, limits: Limits) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: buffer, limits: limits)
        parser.skipWhitespace()
        guard parser.index < buffer.count else {
            throw JSONParseError(.emptyInput, at: parser.index, "unexpected end of JSON input")
        }
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.index < buffer.count {
            throw JSONParseError(
                .trailingData, at: parser.index, "invalid character \(quoteByte(buffer[parser.index])) after top-level value"
            )
        }
        return value
    }

    // MARK: Values

    private mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard index < bytes.count else { throw endOfInput() }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        case let byte:
            throw unexpected(byte, "looking for beginning of value")
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
        try checkDepth(depth)
        index += 1
        var members: [JSONObject.Member] = []
        var seen: Set<String>?
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(JSONObject())
        }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw endOfInput() }
            guard bytes[index] == UInt8(ascii: "\"") else {
                throw unexpected(bytes[index], "looking for beginning of object key string")
            }
            let keyOffset = index
            let key = try parseString()
            if members.count < 16 {
                if members.contains(where: { $0.key == key }) { throw duplicate(key, at: keyOffset) }
            } else {
                if seen == nil { seen = Set(members.map(\.key)) }
                if !seen!.insert(key).inserted { throw duplicate(key, at: keyOffset) }
            }
            skipWhitespace()
            guard index < bytes.count else { throw endOfInput() }
            guard bytes[index] == UInt8(ascii: ":") else { throw unexpected(bytes[index], "after object key") }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            members.append((key: key, value: value))
            skipWhitespace()
            guard index < bytes.count else { throw endOfInput() }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return .object(JSONObject(uniqueMembers: members))
            case let byte: throw unexpected(byte, "after object key:value pair")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
        try checkDepth(depth)
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array([])
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            guard index < bytes.count else { throw endOfInput() }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .array(elements)
            case let byte: throw unexpected(byte, "after array element")
            }
        }
    }

    private func checkDepth(_ depth: Int) throws(JSONParseError) {
        if depth > limits.maxDepth {
            throw JSONParseError(.tooDeep, at: index, "nesting depth exceeds \(limits.maxDepth)")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for (offset, byte) in expected.enumerated() {
            guard index + offset < bytes.count else {
                index += offset
                throw endOfInput()
            }
            let found = bytes[index + offset]
            if found != byte {
                index += offset
                throw unexpected(found, "in literal \(literal) (expecting \(Self.quoteByte(byte)))")
            }
        }
        index += expected.count
    }

    // MARK: Numbers

    private mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { throw endOfInput() }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) {
                throw JSONParseError(.invalidNumber, at: index, "invalid character \(Self.quoteByte(bytes[index])) after top-level value")
            }
        } else if isDigit(bytes[index]) {
            skipDigits()
        } else {
            throw JSONParseError(.invalidNumber, at: index, "invalid character \(Self.quoteByte(bytes[index])) in numeric literal")
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            try requireDigit()
            skipDigits()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            try requireDigit()
            skipDigits()
        }
        return JSONNumber(validatedLiteral: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func skipDigits() {
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }

    private func requireDigit() throws(JSONParseError) {
        guard index < bytes.count else { throw endOfInput() }
        guard isDigit(bytes[index]) else {
            throw JSONParseError(.invalidNumber, at: index, "invalid character \(Self.quoteByte(bytes[index])) in numeric literal")
        }
    }

    // MARK: Strings

    /// Parses a string starting at its opening quote.
    private mutating func parseString() throws(JSONParseError) -> String {
        index += 1
        let start = index
        // Fast path: no escapes; validate UTF-8 while scanning.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw controlCharacter(byte) }
            if byte < 0x80 {
                index += 1
            } else {
                try skipUTF8Sequence()
            }
        }
        guard index < bytes.count else { throw endOfInput() }
        var buffer = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: buffer, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try appendEscape(to: &buffer)
            case 0..<0x20:
                throw controlCharacter(byte)
            case 0..<0x80:
                buffer.append(byte)
                index += 1
            default:
                let sequenceStart = index
                try skipUTF8Sequence()
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[sequenceStart..<index]))
            }
        }
        throw endOfInput()
    }

    /// Appends the bytes of the escape at `index` (a backslash) to `buffer`.
    private mutating func appendEscape(to buffer: inout [UInt8]) throws(JSONParseError) {
        index += 1
        guard index < bytes.count else { throw endOfInput() }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "/"): buffer.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            let escapeStart = index - 2
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw JSONParseError(.loneSurrogate, at: escapeStart, "invalid \\u escape: lone surrogate in string literal")
                }
                index += 2
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else {
                    throw JSONParseError(.loneSurrogate, at: escapeStart, "invalid \\u escape: lone surrogate in string literal")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw JSONParseError(.loneSurrogate, at: escapeStart, "invalid \\u escape: lone surrogate in string literal")
            }
            buffer.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
        default:
            throw JSONParseError(.invalidEscape, at: index - 1, "invalid character \(Self.quoteByte(escape)) in string escape code")
        }
    }

    private mutating func hex4() throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw endOfInput() }
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default:
                throw JSONParseError(.invalidEscape, at: index, "invalid character \(Self.quoteByte(byte)) in \\u hexadecimal character escape")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// Checks the UTF-8 sequence at `index` (its first byte is ≥ 0x80) as RFC 3629 defines it, and skips it.
    private mutating func skipUTF8Sequence() throws(JSONParseError) {
        let lead = bytes[index]
        let length: Int
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: throw invalidUTF8()
        }
        guard index + length <= bytes.count else { throw invalidUTF8() }
        let second = bytes[index + 1]
        guard second >= lower && second <= upper else { throw invalidUTF8() }
        for offset in 2..<max(2, length) where bytes[index + offset] & 0xC0 != 0x80 {
            throw invalidUTF8()
        }
        index += length
    }

    // MARK: Helpers

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): index += 1
            default: return
            }
        }
    }

    private func endOfInput() -> JSONParseError {
        JSONParseError(.unexpectedEnd, at: bytes.count, "unexpected end of JSON input")
    }

    private func unexpected(_ byte: UInt8, _ context: String) -> JSONParseError {
        JSONParseError(.unexpectedCharacter, at: index, "invalid character \(Self.quoteByte(byte)) \(context)")
    }

    private func controlCharacter(_ byte: UInt8) -> JSONParseError {
        JSONParseError(.controlCharacterInString, at: index, "invalid character \(Self.quoteByte(byte)) in string literal")
    }

    private func invalidUTF8() -> JSONParseError {
        JSONParseError(.invalidUTF8, at: index, "invalid UTF-8 in string")
    }

    private func duplicate(_ key: String, at offset: Int) -> JSONParseError {
        JSONParseError(.duplicateKey, at: offset, "duplicate key \(quoted(key)) in object")
    }

    /// A byte as Go's `quoteChar` shows it: `'x'`, `'\''`, `'"'`, `'\n'`, `'\x01'`.
    static func quoteByte(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "'"): return #"'\''"#
        case UInt8(ascii: "\""): return #"'"'"#
        case 0x0A: return #"'\n'"#
        case 0x0D: return #"'\r'"#
        case 0x09: return #"'\t'"#
        case 0x20..<0x7F: return "'\(Character(Unicode.Scalar(byte)))'"
        default:
            let hex = String(byte, radix: 16)
            return "'\\x\(hex.count == 1 ? "0" + hex : hex)'"
        }
    }
}

extension JSONValue {
    /// Parses one JSON text (RFC 8259) from UTF-8 bytes, with the rules of ``JSONParser``.
    /// - Throws: `JSONParseError` describing the first problem.
    public init(parsing bytes: some Collection<UInt8>, limits: JSONParser.Limits = .init()) throws(JSONParseError) {
        let result: Result<JSONValue, JSONParseError>? = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONParseError) in try JSONParser.parse(buffer, limits: limits) }
        }
        if let result {
            self = try result.get()
        } else {
            let copy = Array(bytes)
            let result = copy.withUnsafeBufferPointer { buffer in
                Result { () throws(JSONParseError) in try JSONParser.parse(buffer, limits: limits) }
            }
            self = try result.get()
        }
    }

    /// Parses one JSON text from a string.
    /// - Throws: `JSONParseError` describing the first problem.
    public init(parsing text: String, limits: JSONParser.Limits = .init()) throws(JSONParseError) {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(JSONParseError) in try JSONParser.parse(buffer, limits: limits) }
        }
        self = try result.get()
    }
}

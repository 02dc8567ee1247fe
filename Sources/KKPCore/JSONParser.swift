/// A strict RFC 8259 JSON parser that produces ``JSONValue``s, through ``JSONValue/init(parsing:limits:)``.
///
/// The rules, each refused with its own ``JSONParseError/Kind`` and the byte offset where it was found:
/// - **One value.** The input is exactly one JSON value with optional whitespace around it; whitespace is space, tab,
///   CR and LF only. Anything else after the value is `trailingData`; empty or whitespace-only input is `emptyInput`.
///   Input that stops inside a value is `unexpectedEnd`; a byte that does not fit the grammar is
///   `unexpectedCharacter` (a byte-order mark included).
/// - **Numbers** follow RFC 8259's grammar strictly: no leading zeros (`01`), no `+`, no `.5`, no `1.`, no `1e`, no
///   hex (`0x1F`), and a number may not run on into letters or dots (`1.2.3`); each is `invalidNumber`. `NaN` and
///   `Infinity` are `unexpectedCharacter`, as they do not start like a number. A number is kept as its exact literal
///   text (``JSONNumber/init(validatedLiteral:)``) with no limit on its length, so `1.0`, `-0` and
///   `12345678901234567890123` come back out as they went in.
/// - **Strings** must be well-formed UTF-8: overlong forms, UTF-8-encoded surrogates, code points above U+10FFFF,
///   truncated sequences and stray continuation bytes are `invalidUTF8`. Raw control characters (below U+0020) are
///   `controlCharacterInString`. The escapes are `\"` `\\` `\/` `\b` `\f` `\n` `\r` `\t` and `\uXXXX`; any other is
///   `invalidEscape`. A `\uD83D\uDE00` surrogate pair becomes one scalar (😀); a surrogate escape without its pair is
///   `loneSurrogate`.
/// - **UTF-8 everywhere.** A non-ASCII byte outside a string is always an error; it is `invalidUTF8` when the bytes
///   there are not well-formed UTF-8 and `unexpectedCharacter` (or `trailingData`) when they are.
/// - **Depth.** Arrays and objects may nest ``Limits/maxDepth`` deep (64 by default: 64 `[` are accepted, 65 are
///   `tooDeep`). The parser is iterative and checks the depth before opening a container, so no input — not even
///   100 000 `[` under a huge limit — can exhaust the stack.
/// - **Duplicate keys** in one object are `duplicateKey`, so a document cannot mean one thing to kkp-mock and another
///   to a client. Keys are compared after unescaping (`"a"` and `"\u0061"` are the same key) and as Swift compares
///   strings, so canonically equivalent spellings (`"é"` and `"e\u0301"`, `"K"` and the Kelvin sign) are the same
///   key too, as they are to ``JSONObject``. The check stays linear: small objects scan 64-bit fingerprints of their
///   keys, and objects past 16 members use a set.
///
/// Messages are Go's `encoding/json` (`json.Unmarshal`) messages: `invalid character '}' after object key`,
/// `invalid character ']' looking for beginning of value`, `unexpected end of JSON input`, with the offending byte
/// quoted as Go quotes it (`'\x01'`, `'\\'`, `'ÿ'` for a lone 0xFF). Like Go, input that ends inside a number, a
/// literal or an escape names the space Go's scanner feeds itself at the end: `1.` gives `invalid character ' '
/// after decimal point in numeric literal`, `tru` gives `invalid character ' ' in literal true (expecting 'e')`.
/// The rules Go lacks say `duplicate key "a"`, `nesting depth exceeds 64`, `invalid UTF-8 in string` and
/// `lone surrogate '\ud800' in string literal`.
///
/// How it is fast: it reads one contiguous buffer; it skips runs of plain ASCII in strings eight bytes at a time;
/// strings without escapes become `String`s from their bytes in one step, and escaped ones are assembled in a scratch
/// buffer reused across the document; values wait on one flat stack, so each array and object is allocated once at
/// its exact size when it closes.
public enum JSONParser {
    /// Limits on what the parser accepts.
    public struct Limits: Sendable, Equatable {
        /// The deepest nesting of arrays and objects accepted; the default is 64. A value of 0 accepts scalars only.
        public var maxDepth: Int

        /// Limits with the given nesting depth (64 by default).
        public init(maxDepth: Int = 64) {
            self.maxDepth = maxDepth
        }
    }

    /// Parses one JSON text held in a contiguous buffer of UTF-8.
    /// - Throws: `JSONParseError` describing the first problem found.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, limits: Limits) throws(JSONParseError) -> JSONValue {
        var reader = Reader(bytes: bytes, maxDepth: limits.maxDepth)
        return try reader.parseDocument()
    }
}

extension JSONValue {
    /// Parses one JSON text (RFC 8259) from UTF-8 bytes, with the rules described at ``JSONParser``.
    /// - Throws: `JSONParseError` with the kind and byte offset of the first problem.
    public init(parsing bytes: some Collection<UInt8>, limits: JSONParser.Limits = .init()) throws(JSONParseError) {
        var result: Result<JSONValue, JSONParseError>?
        bytes.withContiguousStorageIfAvailable { buffer in
            result = Result { () throws(JSONParseError) in try JSONParser.parse(buffer, limits: limits) }
        }
        if result == nil {
            Array(bytes).withUnsafeBufferPointer { buffer in
                result = Result { () throws(JSONParseError) in try JSONParser.parse(buffer, limits: limits) }
            }
        }
        self = try result!.get()
    }

    /// Parses one JSON text (RFC 8259) from a string, with the rules described at ``JSONParser``.
    /// - Throws: `JSONParseError` with the kind and byte offset (in the string's UTF-8) of the first problem.
    public init(parsing text: String, limits: JSONParser.Limits = .init()) throws(JSONParseError) {
        var result: Result<JSONValue, JSONParseError>?
        text.utf8.withContiguousStorageIfAvailable { buffer in
            result = Result { () throws(JSONParseError) in try JSONParser.parse(buffer, limits: limits) }
        }
        if result == nil {
            var text = text
            text.withUTF8 { buffer in
                result = Result { () throws(JSONParseError) in try JSONParser.parse(buffer, limits: limits) }
            }
        }
        self = try result!.get()
    }
}

// MARK: - The reader

private let quote = UInt8(ascii: "\"")
private let backslash = UInt8(ascii: "\\")

extension JSONParser {
    /// An open array or object. Its elements (or member values) sit at the top of ``Reader/values`` from
    /// `valueStart` on, and an object's keys at the top of ``Reader/keys`` from `keyStart` on, so each container
    /// becomes one array of exactly the right size when it closes.
    private struct Container {
        /// Whether this is an object (members) or an array (elements).
        let isObject: Bool
        /// Where its elements or member values start in ``Reader/values``.
        let valueStart: Int
        /// Where its keys start in ``Reader/keys``, when an object.
        let keyStart: Int
        /// Whether any key so far has non-ASCII bytes (and so may equal a differently spelled key).
        var hasNonASCIIKey = false
        /// The fingerprints of all keys so far, built once an all-ASCII object grows past
        /// ``Reader/linearKeyScanLimit`` members.
        var fingerprintSet: Set<UInt64>?
        /// All keys so far, built instead once a large object has a non-ASCII key or two keys share a fingerprint.
        var keySet: Set<String>?
    }

    /// One parse: a cursor over the input, the stack of open containers and a scratch buffer for escaped strings.
    ///
    /// Not `Sendable`: it points into a buffer that lives only for the duration of ``JSONParser/parse(_:limits:)``.
    private struct Reader {
        /// Objects with up to this many members are checked for duplicate keys by a scan; larger ones use a set.
        static let linearKeyScanLimit = 16

        let bytes: UnsafeBufferPointer<UInt8>
        let count: Int
        let maxDepth: Int
        var index = 0
        /// The open containers, innermost last.
        var stack: [Container] = []
        /// The values of all open containers, innermost last (and, at the end, the document).
        var values: [JSONValue] = []
        /// The keys of all open objects, innermost last.
        var keys: [String] = []
        /// The fingerprint of each key in ``keys`` (see ``fingerprint(of:)``).
        var keyFingerprints: [UInt64] = []
        /// Where escaped strings are assembled.
        var scratch: [UInt8] = []

        init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
            self.bytes = bytes
            self.count = bytes.count
            self.maxDepth = maxDepth
            // Room for typical API documents (the values of all open containers at once), so these rarely regrow.
            values.reserveCapacity(64)
            keys.reserveCapacity(32)
            keyFingerprints.reserveCapacity(32)
        }

        // MARK: Structure

        /// Reads the whole document: one value between optional whitespace.
        mutating func parseDocument() throws(JSONParseError) -> JSONValue {
            skipWhitespace()
            guard index < count else { throw JSONParseError(.emptyInput, at: index, "unexpected end of JSON input") }
            nextValue: while true {
                // At the first byte of a value, whitespace skipped.
                guard index < count else { throw endOfInput() }
                let byte = bytes[index]
                switch byte {
                case quote:
                    values.append(.string(try readString()))
                case UInt8(ascii: "{"):
                    try checkDepth()
                    index += 1
                    skipWhitespace()
                    if index < count, bytes[index] == UInt8(ascii: "}") {
                        index += 1
                        values.append(.object(JSONObject()))
                    } else {
                        stack.append(Container(isObject: true, valueStart: values.count, keyStart: keys.count))
                        try readKey()
                        continue nextValue
                    }
                case UInt8(ascii: "["):
                    try checkDepth()
                    index += 1
                    skipWhitespace()
                    if index < count, bytes[index] == UInt8(ascii: "]") {
                        index += 1
                        values.append(.array([]))
                    } else {
                        stack.append(Container(isObject: false, valueStart: values.count, keyStart: keys.count))
                        continue nextValue
                    }
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    values.append(.number(try readNumber()))
                case UInt8(ascii: "t"):
                    try readLiteral("true")
                    values.append(.bool(true))
                case UInt8(ascii: "f"):
                    try readLiteral("false")
                    values.append(.bool(false))
                case UInt8(ascii: "n"):
                    try readLiteral("null")
                    values.append(.null)
                default:
                    let kind: JSONParseError.Kind = byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") ? .invalidNumber : .unexpectedCharacter
                    throw unexpected(byte, "looking for beginning of value", kind: kind)
                }

                // A value is complete and on top of `values`, where its container will collect it; close every
                // container that ends here.
                while true {
                    skipWhitespace()
                    let top = stack.count - 1
                    guard top >= 0 else {
                        if index < count { throw unexpected(bytes[index], "after top-level value", kind: .trailingData) }
                        return values.removeLast()
                    }
                    guard index < count else { throw endOfInput() }
                    let byte = bytes[index]
                    if stack[top].isObject {
                        if byte == UInt8(ascii: ",") {
                            index += 1
                            skipWhitespace()
                            try readKey()
                            continue nextValue
                        } else if byte == UInt8(ascii: "}") {
                            index += 1
                            let members = closeObject()
                            values.append(.object(JSONObject(uniqueMembers: members)))
                        } else {
                            throw unexpected(byte, "after object key:value pair")
                        }
                    } else {
                        if byte == UInt8(ascii: ",") {
                            index += 1
                            skipWhitespace()
                            continue nextValue
                        } else if byte == UInt8(ascii: "]") {
                            index += 1
                            let elements = closeArray()
                            values.append(.array(elements))
                        } else {
                            throw unexpected(byte, "after array element")
                        }
                    }
                }
            }
        }

        /// Pops the innermost container, an array, and returns its elements.
        ///
        /// The elements are moved, not copied, out of ``values``: their slots are refilled with `null` (which holds
        /// no reference) before ``values`` shrinks, so no reference count is touched.
        private mutating func closeArray() -> [JSONValue] {
            let start = stack.removeLast().valueStart
            let count = values.count - start
            let elements = values.withUnsafeMutableBufferPointer { values in
                let source = values.baseAddress! + start
                let elements = [JSONValue](unsafeUninitializedCapacity: count) { elements, initialized in
                    elements.baseAddress!.moveInitialize(from: source, count: count)
                    initialized = count
                }
                source.initialize(repeating: .null, count: count)
                return elements
            }
            values.removeSubrange(start...)
            return elements
        }

        /// Pops the innermost container, an object, and returns its members, moved out as ``closeArray()`` does.
        private mutating func closeObject() -> [JSONObject.Member] {
            let container = stack.removeLast()
            let count = values.count - container.valueStart
            let members = keys.withUnsafeMutableBufferPointer { keys in
                values.withUnsafeMutableBufferPointer { values in
                    let keySource = keys.baseAddress! + container.keyStart
                    let valueSource = values.baseAddress! + container.valueStart
                    let members = [JSONObject.Member](unsafeUninitializedCapacity: count) { members, initialized in
                        for index in 0..<count {
                            (members.baseAddress! + index).initialize(to: (key: (keySource + index).move(), value: (valueSource + index).move()))
                        }
                        initialized = count
                    }
                    keySource.initialize(repeating: "", count: count)
                    valueSource.initialize(repeating: .null, count: count)
                    return members
                }
            }
            keys.removeSubrange(container.keyStart...)
            keyFingerprints.removeSubrange(container.keyStart...)
            values.removeSubrange(container.valueStart...)
            return members
        }

        /// Refuses to open one more container when the open ones already reach the limit.
        private func checkDepth() throws(JSONParseError) {
            if stack.count >= maxDepth {
                throw JSONParseError(.tooDeep, at: index, "nesting depth exceeds \(maxDepth)")
            }
        }

        /// Reads an object key, checks it is new, and the colon after it; leaves the cursor at the value.
        private mutating func readKey() throws(JSONParseError) {
            guard index < count else { throw endOfInput() }
            guard bytes[index] == quote else { throw unexpected(bytes[index], "looking for beginning of object key string") }
            let keyOffset = index
            let key = try readString()
            let fingerprint = Self.fingerprint(of: key)
            try checkKeyIsNew(key, fingerprint: fingerprint, at: keyOffset)
            keys.append(key)
            keyFingerprints.append(fingerprint)
            skipWhitespace()
            guard index < count else { throw endOfInput() }
            guard bytes[index] == UInt8(ascii: ":") else { throw unexpected(bytes[index], "after object key") }
            index += 1
            skipWhitespace()
        }

        /// Refuses `key` (whose ``fingerprint(of:)`` is `fingerprint`) when the innermost object already has it, comparing as `String` does (after unescaping, with
        /// canonically equivalent spellings equal), so that ``JSONObject``'s keys stay unique.
        ///
        /// Cheap for the usual all-ASCII keys: ASCII strings are equal exactly when their bytes are, so a 64-bit
        /// fingerprint of the bytes rules out almost every pair without comparing strings. Small objects scan their
        /// fingerprints; past ``linearKeyScanLimit`` members a set of fingerprints takes over, and a set of the
        /// strings themselves (seeded hashing) once a non-ASCII key shows up or two different keys share a
        /// fingerprint, so crafted collisions cannot make the check quadratic.
        /// - Throws: `duplicateKey` at `offset`.
        private mutating func checkKeyIsNew(_ key: String, fingerprint: UInt64, at offset: Int) throws(JSONParseError) {
            let top = stack.count - 1
            let keyStart = stack[top].keyStart
            let isASCII = fingerprint & Self.nonASCIIFlag == 0
            defer { if !isASCII { stack[top].hasNonASCIIKey = true } }
            if keys.count - keyStart < Self.linearKeyScanLimit && stack[top].keySet == nil {
                let compareAll = !isASCII || stack[top].hasNonASCIIKey
                for index in keyStart..<keys.count where keyFingerprints[index] == fingerprint || compareAll {
                    if keys[index] == key { throw duplicateKey(key, at: offset) }
                }
                return
            }
            if stack[top].keySet == nil && isASCII && !stack[top].hasNonASCIIKey {
                if stack[top].fingerprintSet == nil { stack[top].fingerprintSet = Set(keyFingerprints[keyStart...]) }
                if stack[top].fingerprintSet!.insert(fingerprint).inserted { return }
                // The same fingerprint: most likely the same key; otherwise a collision, and strings take over.
                for index in keyStart..<keys.count where keyFingerprints[index] == fingerprint && keys[index] == key {
                    throw duplicateKey(key, at: offset)
                }
            }
            if stack[top].keySet == nil {
                stack[top].fingerprintSet = nil
                stack[top].keySet = Set(keys[keyStart...])
            }
            if !stack[top].keySet!.insert(key).inserted { throw duplicateKey(key, at: offset) }
        }

        /// Marks the fingerprint of a key with a non-ASCII byte.
        private static let nonASCIIFlag: UInt64 = 1 << 63

        /// A 63-bit hash of the key's UTF-8 bytes, with ``nonASCIIFlag`` set when any byte is 0x80 or above.
        static func fingerprint(of key: String) -> UInt64 {
            key.utf8.withContiguousStorageIfAvailable { fingerprint(of: $0) } ?? Array(key.utf8).withUnsafeBufferPointer { fingerprint(of: $0) }
        }

        /// A 63-bit hash of `bytes`, with ``nonASCIIFlag`` set when any byte is 0x80 or above.
        static func fingerprint(of bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
            let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
            var hash = 0x243F_6A88_85A3_08D3 ^ UInt64(bytes.count)
            var highBits: UInt64 = 0
            var index = 0
            if let base = bytes.baseAddress {
                let raw = UnsafeRawPointer(base)
                while index &+ 8 <= bytes.count {
                    let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    highBits |= word
                    hash = (hash ^ word) &* multiplier
                    hash ^= hash >> 32
                    index &+= 8
                }
            }
            var tail: UInt64 = 0
            while index < bytes.count {
                tail = tail << 8 | UInt64(bytes[index])
                index &+= 1
            }
            highBits |= tail
            hash = (hash ^ tail) &* multiplier
            hash ^= hash >> 29
            let nonASCII = highBits & 0x8080_8080_8080_8080 != 0
            return hash & ~nonASCIIFlag | (nonASCII ? nonASCIIFlag : 0)
        }

        /// Reads `true`, `false` or `null`, whose first byte is at the cursor.
        private mutating func readLiteral(_ literal: StaticString) throws(JSONParseError) {
            let expected = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
            if index + expected.count <= count, matches(expected, at: index) {
                index += expected.count
                return
            }
            for position in 1..<expected.count {
                index += 1
                let context = "in literal \(literal) (expecting \(Self.goQuotedByte(expected[position])))"
                guard index < count else { throw endOfInput(inside: context) }
                if bytes[index] != expected[position] {
                    throw unexpected(bytes[index], context)
                }
            }
            index += 1
        }

        /// Whether the input at `offset` holds `expected` (the caller checked there are enough bytes).
        private func matches(_ expected: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
            for position in 0..<expected.count where bytes[offset + position] != expected[position] { return false }
            return true
        }

        @inline(__always)
        private mutating func skipWhitespace() {
            while index < count {
                let byte = bytes[index]
                guard byte <= 0x20, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
                index += 1
            }
        }

        // MARK: Numbers

        /// Reads a number whose first byte (`-` or a digit) is at the cursor, checking RFC 8259's grammar.
        private mutating func readNumber() throws(JSONParseError) -> JSONNumber {
            let start = index
            if bytes[index] == UInt8(ascii: "-") {
                index += 1
                try requireDigit("in numeric literal")
            }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
            } else {
                skipDigits()
            }
            if index < count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                try requireDigit("after decimal point in numeric literal")
                skipDigits()
            }
            if index < count, bytes[index] | 0x20 == UInt8(ascii: "e") {
                index += 1
                if index < count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                try requireDigit("in exponent of numeric literal")
                skipDigits()
            }
            // `01`, `1.2.3`, `0x1F`, `1e5e5`, `12abc`: a number that runs on is a malformed number.
            if index < count, Self.continuesNumber(bytes[index]) {
                throw unexpected(bytes[index], afterValueContext, kind: .invalidNumber)
            }
            return JSONNumber(validatedLiteral: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
        }

        private static func continuesNumber(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"):
                true
            default: false
            }
        }

        @inline(__always)
        private static func isDigit(_ byte: UInt8) -> Bool {
            byte &- UInt8(ascii: "0") < 10
        }

        @inline(__always)
        private mutating func skipDigits() {
            while index < count, Self.isDigit(bytes[index]) { index += 1 }
        }

        private func requireDigit(_ context: String) throws(JSONParseError) {
            guard index < count else { throw endOfInput(inside: context, kind: .invalidNumber) }
            guard Self.isDigit(bytes[index]) else { throw unexpected(bytes[index], context, kind: .invalidNumber) }
        }

        // MARK: Strings

        /// Reads a string whose opening quote is at the cursor and leaves the cursor after its closing quote.
        private mutating func readString() throws(JSONParseError) -> String {
            index += 1
            let start = index
            // Fast path: no escapes. Skip eight plain ASCII bytes at a time, then look at the byte that stopped us.
            while true {
                skipPlainASCII()
                guard index < count else { throw endOfInput() }
                let byte = bytes[index]
                if byte == quote {
                    let string = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                    index += 1
                    return string
                } else if byte == backslash {
                    return try readEscapedString(from: start)
                } else if byte < 0x20 {
                    throw controlCharacter(byte)
                } else if byte >= 0x80 {
                    try skipUTF8Sequence()
                } else {
                    index += 1
                }
            }
        }

        /// Advances the cursor past bytes that are ASCII, not control characters, not `"` and not `\`.
        @inline(__always)
        private mutating func skipPlainASCII() {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            if let base = bytes.baseAddress {
                let raw = UnsafeRawPointer(base)
                while index &+ 8 <= count {
                    let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                    let quotes = word ^ (ones &* UInt64(quote))
                    let backslashes = word ^ (ones &* UInt64(backslash))
                    // A high bit marks a byte that is 0 (after the XORs), below 0x20, or 0x80 and above. Bits above
                    // the lowest marked byte may be false alarms (borrows), so only the lowest one is used.
                    let special =
                        ((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes) | ((word &- ones &* 0x20) & ~word) | word
                    let marks = special & highs
                    if marks != 0 {
                        index &+= marks.trailingZeroBitCount >> 3
                        return
                    }
                    index &+= 8
                }
            }
            while index < count {
                let byte = bytes[index]
                guard byte >= 0x20, byte < 0x80, byte != quote, byte != backslash else { return }
                index += 1
            }
        }

        /// Finishes a string that has an escape at the cursor; `start` is its first byte after the opening quote.
        private mutating func readEscapedString(from start: Int) throws(JSONParseError) -> String {
            scratch.removeAll(keepingCapacity: true)
            var runStart = start
            while true {
                skipPlainASCII()
                guard index < count else { throw endOfInput() }
                let byte = bytes[index]
                if byte == quote {
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                    index += 1
                    return String(decoding: scratch, as: UTF8.self)
                } else if byte == backslash {
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                    try readEscape()
                    runStart = index
                } else if byte < 0x20 {
                    throw controlCharacter(byte)
                } else if byte >= 0x80 {
                    try skipUTF8Sequence()
                } else {
                    index += 1
                }
            }
        }

        /// Decodes the escape whose backslash is at the cursor into `scratch`.
        private mutating func readEscape() throws(JSONParseError) {
            let escapeStart = index
            index += 1
            guard index < count else { throw endOfInput(inside: "in string escape code") }
            let escape = bytes[index]
            index += 1
            switch escape {
            case quote, backslash, UInt8(ascii: "/"): scratch.append(escape)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try readHex4()
                if scalar & 0xFC00 == 0xD800 {
                    // A high surrogate must be followed at once by a `\u` escape of a low surrogate.
                    guard index < count else { throw endOfInput() }
                    guard bytes[index] == backslash else { throw loneSurrogate(at: escapeStart) }
                    guard index + 1 < count else { throw endOfInput(inside: "in string escape code") }
                    guard bytes[index + 1] == UInt8(ascii: "u") else { throw loneSurrogate(at: escapeStart) }
                    index += 2
                    let low = try readHex4()
                    guard low & 0xFC00 == 0xDC00 else { throw loneSurrogate(at: escapeStart) }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if scalar & 0xFC00 == 0xDC00 {
                    throw loneSurrogate(at: escapeStart)
                }
                appendUTF8(scalar)
            default:
                index -= 1
                throw JSONParseError(.invalidEscape, at: index, "invalid character \(Self.goQuotedByte(escape)) in string escape code")
            }
        }

        private mutating func readHex4() throws(JSONParseError) -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard index < count else { throw endOfInput(inside: "in \\u hexadecimal character escape") }
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default:
                    throw unexpected(byte, "in \\u hexadecimal character escape", kind: .invalidEscape)
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }

        /// Appends a scalar (never a surrogate) to `scratch` as UTF-8.
        private mutating func appendUTF8(_ scalar: UInt32) {
            switch scalar {
            case 0..<0x80:
                scratch.append(UInt8(truncatingIfNeeded: scalar))
            case 0x80..<0x800:
                scratch.append(UInt8(truncatingIfNeeded: 0xC0 | scalar >> 6))
                scratch.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
            case 0x800..<0x10000:
                scratch.append(UInt8(truncatingIfNeeded: 0xE0 | scalar >> 12))
                scratch.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F))
                scratch.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
            default:
                scratch.append(UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18))
                scratch.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 12 & 0x3F))
                scratch.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F))
                scratch.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
            }
        }

        // MARK: UTF-8

        /// Skips the well-formed UTF-8 sequence at the cursor (its lead byte is 0x80 or above).
        /// - Throws: `invalidUTF8` at the lead byte when the sequence is ill-formed.
        private mutating func skipUTF8Sequence() throws(JSONParseError) {
            guard let length = wellFormedUTF8Length(at: index) else {
                throw JSONParseError(.invalidUTF8, at: index, "invalid UTF-8 in string")
            }
            index += length
        }

        /// The length of the well-formed UTF-8 sequence at `offset`, per Unicode's table 3-7; `nil` when it is not one.
        private func wellFormedUTF8Length(at offset: Int) -> Int? {
            let lead = bytes[offset]
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0x00..<0x80: return 1
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0  // no overlong forms
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F  // no surrogates
            case 0xF0: length = 4; lower = 0x90  // no overlong forms
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F  // nothing above U+10FFFF
            default: return nil  // continuation bytes, C0, C1 and F5...FF
            }
            guard offset + length <= count else { return nil }
            let second = bytes[offset + 1]
            guard second >= lower, second <= upper else { return nil }
            if length > 2 {
                guard bytes[offset + 2] & 0xC0 == 0x80 else { return nil }
                if length > 3 {
                    guard bytes[offset + 3] & 0xC0 == 0x80 else { return nil }
                }
            }
            return length
        }

        // MARK: Errors

        /// The input ended too soon. Go's scanner feeds itself a space at the end of input, so where that space is
        /// wrong — inside a number, a literal or an escape — Go reports it: `invalid character ' ' in literal true
        /// (expecting 'e')`. `context` is where it would be, when inside one of those.
        private func endOfInput(inside context: String? = nil, kind: JSONParseError.Kind = .unexpectedEnd) -> JSONParseError {
            JSONParseError(kind, at: count, context.map { "invalid character ' ' \($0)" } ?? "unexpected end of JSON input")
        }

        /// Go's "invalid character" error for `byte` at the cursor. Outside strings a non-ASCII byte is always wrong;
        /// when it does not start well-formed UTF-8 the kind becomes `invalidUTF8`.
        private func unexpected(_ byte: UInt8, _ context: String, kind: JSONParseError.Kind = .unexpectedCharacter) -> JSONParseError {
            let kind = byte >= 0x80 && wellFormedUTF8Length(at: index) == nil ? .invalidUTF8 : kind
            return JSONParseError(kind, at: index, "invalid character \(Self.goQuotedByte(byte)) \(context)")
        }

        /// How Go names the place after a complete value, which depends on what encloses it.
        private var afterValueContext: String {
            guard let top = stack.last else { return "after top-level value" }
            return top.isObject ? "after object key:value pair" : "after array element"
        }

        private func duplicateKey(_ key: String, at offset: Int) -> JSONParseError {
            JSONParseError(.duplicateKey, at: offset, "duplicate key \(Self.goQuoted(key))")
        }

        private func controlCharacter(_ byte: UInt8) -> JSONParseError {
            JSONParseError(.controlCharacterInString, at: index, "invalid character \(Self.goQuotedByte(byte)) in string literal")
        }

        private func loneSurrogate(at offset: Int) -> JSONParseError {
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<offset + 6]), as: UTF8.self)
            return JSONParseError(.loneSurrogate, at: offset, "lone surrogate '\(text)' in string literal")
        }

        /// A byte as Go's `quoteChar` shows it: the byte read as a code point, quoted like `strconv.Quote` with single
        /// quotes — `'x'`, `'\''`, `'"'`, `'\\'`, `'\n'`, `'\x01'`, `'\u0080'`, `'ÿ'`.
        static func goQuotedByte(_ byte: UInt8) -> String {
            switch byte {
            case UInt8(ascii: "'"): return #"'\''"#
            case UInt8(ascii: "\""): return #"'"'"#
            default: return "'" + goEscaped(Unicode.Scalar(byte), quote: UInt8(ascii: "'")) + "'"
            }
        }

        /// A string quoted as Go's `strconv.Quote` quotes it: `"a\"b"`, `"tab\there"`.
        static func goQuoted(_ string: String) -> String {
            var result = "\""
            for scalar in string.unicodeScalars { result += goEscaped(scalar, quote: quote) }
            return result + "\""
        }

        /// One scalar as `strconv.Quote` writes it: printable ones as they are, others escaped.
        private static func goEscaped(_ scalar: Unicode.Scalar, quote: UInt8) -> String {
            switch scalar.value {
            case UInt32(quote), UInt32(backslash): return "\\" + String(scalar)
            case 0x07: return "\\a"
            case 0x08: return "\\b"
            case 0x0C: return "\\f"
            case 0x0A: return "\\n"
            case 0x0D: return "\\r"
            case 0x09: return "\\t"
            case 0x0B: return "\\v"
            case 0x20..<0x7F: return String(scalar)
            case 0..<0x20, 0x7F: return "\\x" + hex(scalar.value, width: 2)
            default:
                switch scalar.properties.generalCategory {
                case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .nonspacingMark,
                    .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber, .connectorPunctuation,
                    .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation,
                    .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
                    return String(scalar)
                default:
                    return scalar.value < 0x10000 ? "\\u" + hex(scalar.value, width: 4) : "\\U" + hex(scalar.value, width: 8)
                }
            }
        }

        private static func hex(_ value: UInt32, width: Int) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
    }
}

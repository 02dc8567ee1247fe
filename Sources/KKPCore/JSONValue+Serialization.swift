extension JSONValue {
    /// Compact JSON as UTF-8 bytes: members in stored order, numbers as their literal, no insignificant whitespace.
    ///
    /// Strings are escaped exactly as Go's `json.Encoder` escapes them by default, so output matches KKP's byte for
    /// byte: `"` and `\` as `\"` and `\\`; `\n`, `\r`, `\t`, `\b`, `\f` by name and other control characters as
    /// `\u00XX` (lowercase hex); `<`, `>`, `&`, U+2028 and U+2029 as `\u003c`, `\u003e`, `\u0026`, `\u2028`,
    /// `\u2029`. `/` is not escaped, and other non-ASCII text (DEL included) is written as raw UTF-8.
    ///
    /// Containers are written recursively; values from the parser are at most ``JSONParser/Limits/maxDepth`` deep.
    public func serialized() -> [UInt8] {
        var writer = JSONByteWriter(capacity: Self.initialCapacity(for: self))
        writeCompact(to: &writer)
        return writer.bytes()
    }

    /// Appends the compact JSON of ``serialized()`` to `output`, such as a response buffer.
    public func serialize(into output: inout [UInt8]) {
        var writer = JSONByteWriter(capacity: Self.initialCapacity(for: self))
        writeCompact(to: &writer)
        writer.append(to: &output)
    }

    /// ``serialized()`` as a `String`.
    public var serializedString: String {
        var writer = JSONByteWriter(capacity: Self.initialCapacity(for: self))
        writeCompact(to: &writer)
        return writer.string()
    }

    /// JSON indented by two spaces per level for people to read, as Go's `json.MarshalIndent(v, "", "  ")` writes it:
    /// one member or element per line, `"key": value`, empty containers as `{}` and `[]`, no final newline. The
    /// escaping is that of ``serialized()``.
    public func prettySerialized() -> [UInt8] {
        var writer = JSONByteWriter(capacity: Self.initialCapacity(for: self) * 2)
        writePretty(to: &writer, level: 0)
        return writer.bytes()
    }

    // MARK: Structure

    private func writeCompact(to writer: inout JSONByteWriter) {
        switch self {
        case .null: writer.append("null")
        case .bool(let value): writer.append(value ? "true" : "false")
        case .number(let number): writer.append(number.literal)
        case .string(let string): Self.writeString(string, to: &writer)
        case .array(let elements):
            writer.append(UInt8(ascii: "["))
            var first = true
            for element in elements {
                if !first { writer.append(UInt8(ascii: ",")) }
                first = false
                element.writeCompact(to: &writer)
            }
            writer.append(UInt8(ascii: "]"))
        case .object(let object):
            writer.append(UInt8(ascii: "{"))
            var first = true
            for member in object.members {
                if !first { writer.append(UInt8(ascii: ",")) }
                first = false
                Self.writeString(member.key, to: &writer)
                writer.append(UInt8(ascii: ":"))
                member.value.writeCompact(to: &writer)
            }
            writer.append(UInt8(ascii: "}"))
        }
    }

    private func writePretty(to writer: inout JSONByteWriter, level: Int) {
        switch self {
        case .array(let elements) where !elements.isEmpty:
            writer.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { writer.append(UInt8(ascii: ",")) }
                writer.appendNewline(indent: 2 * (level + 1))
                element.writePretty(to: &writer, level: level + 1)
            }
            writer.appendNewline(indent: 2 * level)
            writer.append(UInt8(ascii: "]"))
        case .object(let object) where !object.isEmpty:
            writer.append(UInt8(ascii: "{"))
            for (position, member) in object.members.enumerated() {
                if position > 0 { writer.append(UInt8(ascii: ",")) }
                writer.appendNewline(indent: 2 * (level + 1))
                Self.writeString(member.key, to: &writer)
                writer.append(": ")
                member.value.writePretty(to: &writer, level: level + 1)
            }
            writer.appendNewline(indent: 2 * level)
            writer.append(UInt8(ascii: "}"))
        default:
            writeCompact(to: &writer)
        }
    }

    /// A first guess at the output size; the writer doubles its buffer when the guess is short.
    private static func initialCapacity(for value: JSONValue) -> Int {
        switch value {
        case .array(let elements): 64 + elements.count * 48
        case .object(let object): 64 + object.count * 64
        case .string(let string): string.utf8.count + 8
        default: 32
        }
    }

    // MARK: Strings

    /// Writes `string` quoted and escaped.
    private static func writeString(_ string: String, to writer: inout JSONByteWriter) {
        writer.append(UInt8(ascii: "\""))
        let written: Void? = string.utf8.withContiguousStorageIfAvailable { writeEscaped($0, to: &writer) }
        if written == nil {
            Array(string.utf8).withUnsafeBufferPointer { writeEscaped($0, to: &writer) }
        }
        writer.append(UInt8(ascii: "\""))
    }

    /// Whether any of the eight bytes in `word` may need an escape: a control character, `"`, `&`, `<`, `>`, `\`,
    /// or 0xE2 (the lead byte of U+2028 and U+2029). May answer `true` for a word that needs none; never `false` for
    /// one that does.
    @inline(__always)
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        /// The high bit of each byte of `value` that is zero (and maybe of bytes above one that is).
        @inline(__always) func zeroBytes(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highs }
        let controls = (word &- ones &* 0x20) & ~word & highs
        let quoteOrAmpersand = zeroBytes((word | ones &* 0x04) ^ (ones &* 0x26))  // 0x22, 0x26
        let angleBrackets = zeroBytes((word | ones &* 0x02) ^ (ones &* 0x3E))  // 0x3C, 0x3E
        let backslash = zeroBytes(word ^ (ones &* 0x5C))
        let lineSeparatorLead = zeroBytes(word ^ (ones &* 0xE2))
        return controls | quoteOrAmpersand | angleBrackets | backslash | lineSeparatorLead != 0
    }

    /// Whether `byte` may need an escape, as ``mayNeedEscape(_:)-(UInt64)`` but exact for one byte.
    @inline(__always)
    private static func mayNeedEscape(_ byte: UInt8) -> Bool {
        if byte >= 0x40 { return byte == UInt8(ascii: "\\") || byte == 0xE2 }
        return byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "&") || byte | 0x02 == UInt8(ascii: ">")
    }

    /// Writes the escaped form of `bytes`: runs that need no escape are copied in bulk, eight bytes are checked at a
    /// time while none needs one.
    private static func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to writer: inout JSONByteWriter) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        var runStart = 0
        var index = 0
        while index < count {
            if index &+ 8 <= count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                if !mayNeedEscape(word) {
                    index &+= 8
                    continue
                }
            }
            let byte = base[index]
            guard mayNeedEscape(byte) else {
                index &+= 1
                continue
            }
            let second: UInt8
            var width = 1
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): second = byte
            case 0x0A: second = UInt8(ascii: "n")
            case 0x0D: second = UInt8(ascii: "r")
            case 0x09: second = UInt8(ascii: "t")
            case 0x08: second = UInt8(ascii: "b")
            case 0x0C: second = UInt8(ascii: "f")
            case 0xE2:
                // U+2028 is E2 80 A8 and U+2029 is E2 80 A9; other scalars starting with E2 are written as they are.
                guard index &+ 2 < count, base[index &+ 1] == 0x80, base[index &+ 2] & 0xFE == 0xA8 else {
                    index &+= 1
                    continue
                }
                second = UInt8(ascii: "u")
                width = 3
            default: second = UInt8(ascii: "u")
            }
            writer.append(UnsafeBufferPointer(start: base + runStart, count: index &- runStart))
            if second == UInt8(ascii: "u") {
                let unit: UInt16 = width == 3 ? 0x2000 | UInt16(base[index &+ 2] & 0x0F) | 0x20 : UInt16(byte)
                writer.appendUnicodeEscape(unit)
            } else {
                writer.append(UInt8(ascii: "\\"), second)
            }
            index &+= width
            runStart = index
        }
        writer.append(UnsafeBufferPointer(start: base + runStart, count: count &- runStart))
    }
}

/// A growable byte buffer for the serializer: appends are a capacity check and a store, with none of `Array`'s
/// uniqueness checks, and the result is copied out once at the end.
///
/// Not copyable, so the one buffer it owns is freed exactly once, when it goes out of scope.
struct JSONByteWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0

    /// A writer with room for `capacity` bytes before it first grows.
    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        self.base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    /// Makes room for `extra` more bytes, at least doubling the buffer.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if capacity &- count < extra { grow(extra) }
    }

    private mutating func grow(_ extra: Int) {
        let newCapacity = max(capacity * 2, count + extra)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count &+= 1
    }

    @inline(__always)
    mutating func append(_ first: UInt8, _ second: UInt8) {
        reserve(2)
        base[count] = first
        base[count &+ 1] = second
        count &+= 2
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (base + count).initialize(from: source, count: bytes.count)
        count &+= bytes.count
    }

    mutating func append(_ literal: StaticString) {
        append(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Appends a string's UTF-8 as it is (numbers' literals).
    mutating func append(_ text: String) {
        let written: Void? = text.utf8.withContiguousStorageIfAvailable { append($0) }
        if written == nil {
            Array(text.utf8).withUnsafeBufferPointer { append($0) }
        }
    }

    /// Appends `\u` and four lowercase hex digits.
    mutating func appendUnicodeEscape(_ unit: UInt16) {
        reserve(6)
        base[count] = UInt8(ascii: "\\")
        base[count &+ 1] = UInt8(ascii: "u")
        for position in 0..<4 {
            let nibble = UInt8(truncatingIfNeeded: unit >> (12 - 4 * position) & 0xF)
            base[count &+ 2 &+ position] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") - 10 + nibble
        }
        count &+= 6
    }

    /// Appends a line feed and `indent` spaces.
    mutating func appendNewline(indent: Int) {
        reserve(1 + indent)
        base[count] = UInt8(ascii: "\n")
        (base + count + 1).initialize(repeating: UInt8(ascii: " "), count: indent)
        count &+= 1 + indent
    }

    /// The bytes written, as an array.
    consuming func bytes() -> [UInt8] {
        Array(UnsafeBufferPointer(start: base, count: count))
    }

    /// The bytes written, as a string (they are valid UTF-8).
    consuming func string() -> String {
        String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
    }

    /// Appends the bytes written to `output`.
    func append(to output: inout [UInt8]) {
        output.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
    }
}

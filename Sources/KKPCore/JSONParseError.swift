/// Why a JSON text was refused, and where.
///
/// ``message`` uses the wording of Go's `encoding/json` where Go has one (KKP is written in Go and its clients know
/// those messages): `unexpected end of JSON input`, `invalid character 'x' looking for beginning of value`. Rules Go
/// does not have (duplicate keys, depth, UTF-8, lone surrogates) get messages in the same style.
/// ``description`` adds the byte offset.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem, one of the named statics.
    public struct Kind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The name of the kind, such as `duplicateKey`.
        public let rawValue: String

        /// A kind from its name.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The name of the kind.
        public var description: String { rawValue }

        /// The input ended inside a value.
        public static let unexpectedEnd = Kind(rawValue: "unexpectedEnd")
        /// A byte that cannot appear where it does.
        public static let unexpectedCharacter = Kind(rawValue: "unexpectedCharacter")
        /// A number that does not follow RFC 8259's grammar (leading zero, `+`, `.5`, `1.`, `1e`, `0x1F`, …).
        public static let invalidNumber = Kind(rawValue: "invalidNumber")
        /// A backslash escape that is not one of JSON's, or a `\u` escape without four hex digits.
        public static let invalidEscape = Kind(rawValue: "invalidEscape")
        /// A `\u` escape of a UTF-16 surrogate without its pair.
        public static let loneSurrogate = Kind(rawValue: "loneSurrogate")
        /// Bytes that are not well-formed UTF-8 (overlong, encoded surrogate, above U+10FFFF, truncated, stray).
        public static let invalidUTF8 = Kind(rawValue: "invalidUTF8")
        /// A raw control character (below U+0020) inside a string.
        public static let controlCharacterInString = Kind(rawValue: "controlCharacterInString")
        /// Arrays and objects nested deeper than ``JSONParser/Limits/maxDepth``.
        public static let tooDeep = Kind(rawValue: "tooDeep")
        /// An object with the same key twice (compared after unescaping).
        public static let duplicateKey = Kind(rawValue: "duplicateKey")
        /// Something other than whitespace after the value.
        public static let trailingData = Kind(rawValue: "trailingData")
        /// No value at all: empty or whitespace-only input.
        public static let emptyInput = Kind(rawValue: "emptyInput")
    }

    /// The kind of problem.
    public var kind: Kind
    /// The byte offset in the input where the problem was found (the input's length when it ended too soon).
    public var offset: Int
    /// What is wrong, in words, as Go's `encoding/json` says it where it has a message for it.
    public var message: String

    /// An error of `kind` at byte `offset`, described by `message`.
    public init(_ kind: Kind, at offset: Int, _ message: String) {
        self.kind = kind
        self.offset = offset
        self.message = message
    }

    /// The message and the offset: `invalid character 'x' looking for beginning of value (at byte 0)`.
    public var description: String { "\(message) (at byte \(offset))" }
}

/// Why a JSON text was refused, and where.
///
/// ``message`` follows the wording of Go's `encoding/json` where it has one (KKP is written in Go, and its clients
/// know those messages); ``description`` adds the byte offset.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem.
    public struct Kind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The input ended inside a value.
        public static let unexpectedEnd = Kind(rawValue: "unexpectedEnd")
        /// A byte that cannot appear where it does.
        public static let unexpectedCharacter = Kind(rawValue: "unexpectedCharacter")
        /// A number that does not follow RFC 8259's grammar.
        public static let invalidNumber = Kind(rawValue: "invalidNumber")
        /// A backslash escape that is not one of JSON's.
        public static let invalidEscape = Kind(rawValue: "invalidEscape")
        /// A `\u` escape of a surrogate without its pair.
        public static let loneSurrogate = Kind(rawValue: "loneSurrogate")
        /// Bytes that are not UTF-8.
        public static let invalidUTF8 = Kind(rawValue: "invalidUTF8")
        /// A raw control character (below U+0020) in a string.
        public static let controlCharacterInString = Kind(rawValue: "controlCharacterInString")
        /// Arrays and objects nested deeper than the limit.
        public static let tooDeep = Kind(rawValue: "tooDeep")
        /// An object with the same key twice.
        public static let duplicateKey = Kind(rawValue: "duplicateKey")
        /// Something after the value.
        public static let trailingData = Kind(rawValue: "trailingData")
        /// No value at all.
        public static let emptyInput = Kind(rawValue: "emptyInput")
    }

    /// The kind of problem.
    public var kind: Kind
    /// The byte offset where it was found.
    public var offset: Int
    /// What is wrong, in words.
    public var message: String

    /// An error of `kind` at `offset`.
    public init(_ kind: Kind, at offset: Int, _ message: String) {
        self.kind = kind
        self.offset = offset
        self.message = message
    }

    public var description: String { "\(message) (at byte \(offset))" }
}

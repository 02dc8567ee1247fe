/// A JSON Pointer (RFC 6901): the path of a value in a JSON document, as reference tokens.
///
/// `""` is the whole document; `/a/b` is member `b` of member `a`; `~1` stands for `/` and `~0` for `~` inside a
/// token. A token addresses an array element when it is a decimal index without leading zeros, or `-` (the element
/// after the last, which only JSON Patch's `add` may use).
public struct JSONPointer: Sendable, Equatable, CustomStringConvertible {
    /// The reference tokens, unescaped.
    public let tokens: [String]

    /// A pointer from its tokens.
    public init(tokens: [String]) {
        self.tokens = tokens
    }

    /// Parses a pointer's text.
    /// - Throws: `JSONPatchError` (malformed) when the text is neither empty nor starts with `/`, or has a `~` that is
    ///   not followed by `0` or `1`.
    public init(parsing text: String) throws(JSONPatchError) {
        if text.isEmpty {
            tokens = []
            return
        }
        guard text.hasPrefix("/") else {
            throw .malformed("JSON pointer \(quoted(text)) must be empty or start with \"/\"")
        }
        var result: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var escaping = false
            for character in raw {
                if escaping {
                    switch character {
                    case "0": token.append("~")
                    case "1": token.append("/")
                    default: throw .malformed("JSON pointer \(quoted(text)) has an invalid escape \"~\(character)\"")
                    }
                    escaping = false
                } else if character == "~" {
                    escaping = true
                } else {
                    token.append(character)
                }
            }
            if escaping { throw .malformed("JSON pointer \(quoted(text)) ends with an unfinished escape \"~\"") }
            result.append(token)
        }
        tokens = result
    }

    /// The pointer's text, with `~` and `/` escaped.
    public var description: String {
        tokens.map { "/" + $0.replacingEvery("~", with: "~0").replacingEvery("/", with: "~1") }.joined()
    }

    /// Whether `self` is `other` or lies below it.
    public func isWithin(_ other: JSONPointer) -> Bool {
        tokens.count >= other.tokens.count && Array(tokens.prefix(other.tokens.count)) == other.tokens
    }

    /// The array index a token names: decimal digits without leading zeros; `nil` for anything else (including `-`).
    static func index(_ token: String) -> Int? {
        guard let first = token.utf8.first, token.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return nil
        }
        if first == UInt8(ascii: "0") && token.utf8.count > 1 { return nil }
        return Int(token)
    }
}

extension String {
    /// This text with every occurrence of `target` replaced by `replacement`.
    func replacingEvery(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}

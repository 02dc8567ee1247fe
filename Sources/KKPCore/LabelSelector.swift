/// A Kubernetes label selector as `kubectl get -l` sends it (`labelSelector=`): comma-separated requirements
/// `key`, `!key`, `key=value`, `key==value`, `key!=value`, `key in (a,b)`, `key notin (a,b)`; all must hold.
///
/// The same syntax serves field selectors (`fieldSelector=metadata.name=abc`), matched against a dictionary of the
/// fields the caller supports.
public struct LabelSelector: Sendable, Equatable {
    /// One requirement.
    public enum Requirement: Sendable, Equatable {
        /// The label exists.
        case exists(String)
        /// The label does not exist.
        case doesNotExist(String)
        /// The label has one of the values.
        case `in`(String, [String])
        /// The label is missing or has none of the values.
        case notIn(String, [String])

        /// The key the requirement is about.
        public var key: String {
            switch self {
            case .exists(let key), .doesNotExist(let key), .in(let key, _), .notIn(let key, _): key
            }
        }
    }

    /// The requirements; empty matches everything.
    public var requirements: [Requirement]

    /// A selector from requirements.
    public init(requirements: [Requirement]) {
        self.requirements = requirements
    }

    /// Parses a selector.
    /// - Throws: `LabelSelector.SyntaxError` when a requirement cannot be read.
    public init(parsing text: String) throws(SyntaxError) {
        var terms: [String] = []
        var depth = 0
        var current = ""
        for character in text {
            switch character {
            case "(": depth += 1
            case ")": depth -= 1
            case "," where depth == 0:
                terms.append(current)
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        terms.append(current)
        var requirements: [Requirement] = []
        for raw in terms {
            let term = raw.trimmingBlanks()
            if term.isEmpty { continue }
            requirements.append(try Self.requirement(term, in: text))
        }
        self.requirements = requirements
    }

    private static func requirement(_ term: String, in text: String) throws(SyntaxError) -> Requirement {
        func key(_ raw: Substring) throws(SyntaxError) -> String {
            let key = String(raw).trimmingBlanks()
            guard !key.isEmpty, !key.contains(where: { " \t()=!,".contains($0) }) else {
                throw SyntaxError(message: "unable to parse requirement \(quoted(term)) of the selector \(quoted(text))")
            }
            return key
        }
        if term.hasPrefix("!") { return .doesNotExist(try key(term.dropFirst())) }
        if let open = term.firstIndex(of: "("), term.hasSuffix(")") {
            let head = term[..<open].split(whereSeparator: { $0 == " " || $0 == "\t" })
            let values = term[term.index(after: open)..<term.index(before: term.endIndex)].split(separator: ",").map {
                String($0).trimmingBlanks()
            }
            guard head.count == 2, head[1] == "in" || head[1] == "notin" else {
                throw SyntaxError(message: "unable to parse requirement \(quoted(term)) of the selector \(quoted(text))")
            }
            return head[1] == "in" ? .in(try key(head[0]), values) : .notIn(try key(head[0]), values)
        }
        for (operatorText, negated) in [("!=", true), ("==", false), ("=", false)] {
            if let range = term.firstRange(of: operatorText) {
                let value = String(term[range.upperBound...]).trimmingBlanks()
                let name = try key(term[..<range.lowerBound])
                return negated ? .notIn(name, [value]) : .in(name, [value])
            }
        }
        return .exists(try key(term[...]))
    }

    /// Whether `labels` satisfy every requirement.
    public func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { requirement in
            switch requirement {
            case .exists(let key): labels[key] != nil
            case .doesNotExist(let key): labels[key] == nil
            case .in(let key, let values): labels[key].map(values.contains) ?? false
            case .notIn(let key, let values): labels[key].map { !values.contains($0) } ?? true
            }
        }
    }

    /// A selector that cannot be read.
    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        /// What is wrong.
        public var message: String
        public var description: String { message }
    }
}

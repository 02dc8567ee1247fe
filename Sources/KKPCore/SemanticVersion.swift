/// A semantic version as KKP reads one (Masterminds semver v3, loose form): `1.20.2`, `v1.20`, `1`, `1.19.0-rc.1+b5`.
///
/// Its ``description`` is the canonical form KKP serves: no `v`, the minor and patch filled in (`v1.20` → `1.20.0`).
/// Ordering is semver precedence (a pre-release sorts before its release); build metadata breaks ties only, so that
/// ordering and equality agree.
public struct SemanticVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The major number.
    public var major: Int
    /// The minor number.
    public var minor: Int
    /// The patch number.
    public var patch: Int
    /// The dot-separated pre-release identifiers, empty for a release.
    public var prerelease: [String]
    /// The dot-separated build metadata identifiers, usually empty.
    public var build: [String]

    /// A release version.
    public init(_ major: Int, _ minor: Int, _ patch: Int = 0) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.prerelease = []
        self.build = []
    }

    /// Parses the loose semver form; `nil` when `text` is not a version.
    ///
    /// Accepted: an optional `v`, then `MAJOR[.MINOR[.PATCH]]` in decimal digits, then an optional `-PRERELEASE` and
    /// `+BUILD` of dot-separated `[0-9A-Za-z-]+` identifiers. Numeric pre-release identifiers may not have leading
    /// zeros. Numbers above 2^31 are rejected.
    public init?(parsing text: String) {
        // The separators are ASCII, so UTF-8 indices are valid string indices; bytes are much cheaper than
        // Characters, and every write parses the cluster's version.
        var rest = Substring(text)
        if rest.utf8.first == UInt8(ascii: "v") { rest = rest[rest.utf8.index(after: rest.utf8.startIndex)...] }
        var buildPart: Substring?
        if let plus = rest.utf8.firstIndex(of: UInt8(ascii: "+")) {
            buildPart = rest[rest.index(after: plus)...]
            rest = rest[..<plus]
        }
        var prereleasePart: Substring?
        if let dash = rest.utf8.firstIndex(of: UInt8(ascii: "-")) {
            prereleasePart = rest[rest.index(after: dash)...]
            rest = rest[..<dash]
        }
        // MAJOR[.MINOR[.PATCH]]: one to three runs of one to ten digits, each at most 2^31 - 1.
        var numbers = (0, 0, 0)
        var count = 0
        var value = 0
        var digits = 0
        func finish() -> Bool {
            guard digits > 0, value <= Int(Int32.max) else { return false }
            switch count {
            case 0: numbers.0 = value
            case 1: numbers.1 = value
            default: numbers.2 = value
            }
            count += 1
            value = 0
            digits = 0
            return true
        }
        for byte in rest.utf8 {
            if byte == UInt8(ascii: ".") {
                guard count < 2, finish() else { return nil }
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits += 1
                guard digits <= 10 else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            } else {
                return nil
            }
        }
        guard finish() else { return nil }
        self.init(numbers.0, numbers.1, numbers.2)
        if let prereleasePart {
            guard let identifiers = Self.identifiers(prereleasePart) else { return nil }
            for identifier in identifiers where identifier.allSatisfy(\.isASCIIDigit) {
                if identifier.count > 1 && identifier.first == "0" { return nil }
            }
            prerelease = identifiers
        }
        if let buildPart {
            guard let identifiers = Self.identifiers(buildPart) else { return nil }
            build = identifiers
        }
    }

    private static func identifiers(_ text: Substring) -> [String]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        for part in parts {
            guard !part.isEmpty, part.allSatisfy({ $0.isASCIIDigit || $0.isASCIILetter || $0 == "-" }) else {
                return nil
            }
        }
        return parts.map(String.init)
    }

    /// The canonical text: `MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]`.
    public var description: String {
        var text = "\(major).\(minor).\(patch)"
        if !prerelease.isEmpty { text += "-" + prerelease.joined(separator: ".") }
        if !build.isEmpty { text += "+" + build.joined(separator: ".") }
        return text
    }

    /// Whether both versions have the same major and minor numbers.
    public func hasSameMinor(as other: SemanticVersion) -> Bool {
        major == other.major && minor == other.minor
    }

    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        if (lhs.major, lhs.minor, lhs.patch) != (rhs.major, rhs.minor, rhs.patch) {
            return (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
        }
        let order = comparePrerelease(lhs.prerelease, rhs.prerelease)
        if order != 0 { return order < 0 }
        return lhs.build.joined(separator: ".") < rhs.build.joined(separator: ".")
    }

    /// Semver §11: no pre-release beats any pre-release; identifiers compare numerically when both are numbers,
    /// numbers sort before words, words compare in ASCII order, and a longer list wins a tie.
    private static func comparePrerelease(_ lhs: [String], _ rhs: [String]) -> Int {
        switch (lhs.isEmpty, rhs.isEmpty) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        case (false, false): break
        }
        for (left, right) in zip(lhs, rhs) where left != right {
            switch (Int(left), Int(right)) {
            case (let l?, let r?): return l < r ? -1 : 1
            case (.some, nil): return -1
            case (nil, .some): return 1
            case (nil, nil): return left < right ? -1 : 1
            }
        }
        return lhs.count == rhs.count ? 0 : (lhs.count < rhs.count ? -1 : 1)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
    fileprivate var isASCIILetter: Bool { isASCII && isLetter }
}

import Synchronization

/// Where new cluster ids come from; injected so tests and the deterministic mode get predictable ids.
public protocol IDGenerator: Sendable {
    /// A new id.
    func next() -> String
}

/// KKP's cluster id alphabet and length: 10 characters of `bcdfghjklmnpqrstvwxz2456789` (k8s `rand.String`, no
/// vowels, no 0, 1 or 3).
public enum ClusterID {
    /// The characters of an id.
    public static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
    /// The length of an id.
    public static let length = 10

    /// Whether `text` could be a KKP cluster id.
    public static func isWellFormed(_ text: String) -> Bool {
        text.count == length && text.allSatisfy(alphabet.contains)
    }
}

/// Random ids in KKP's alphabet, from the system's random source.
public struct RandomIDGenerator: IDGenerator {
    /// A generator.
    public init() {}

    public func next() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<ClusterID.length).map { _ in ClusterID.alphabet.randomElement(using: &generator)! })
    }
}

/// Ids in KKP's alphabet from a counter: the same sequence on every run (`bbbbbbbbbc`, `bbbbbbbbbd`, …).
public final class SequentialIDGenerator: IDGenerator {
    private let counter: Atomic<Int>

    /// A generator whose first id is the one after `start`.
    public init(start: Int = 0) {
        counter = Atomic(start)
    }

    public func next() -> String {
        var value = counter.wrappingAdd(1, ordering: .relaxed).newValue
        var characters: [Character] = []
        for _ in 0..<ClusterID.length {
            characters.append(ClusterID.alphabet[value % ClusterID.alphabet.count])
            value /= ClusterID.alphabet.count
        }
        return String(characters.reversed())
    }
}

/// The current time, injected so tests and the deterministic mode get predictable timestamps.
public protocol WallClock: Sendable {
    /// Seconds since 1970-01-01T00:00:00Z.
    func now() -> Int64
}

/// A clock that always says the same time.
public struct FixedClock: WallClock {
    /// The time it says, in seconds since the epoch.
    public let seconds: Int64

    /// A clock stopped at `seconds` since the epoch.
    public init(seconds: Int64) {
        self.seconds = seconds
    }

    public func now() -> Int64 { seconds }
}

/// RFC 3339 timestamps as KKP writes them: UTC, second precision (`2013-02-03T19:54:00Z`).
public enum Timestamp {
    /// The timestamp of `seconds` since the epoch.
    public static func rfc3339(_ seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let hour = secondOfDay / 3600
        let minute = secondOfDay % 3600 / 60
        let second = secondOfDay % 60
        let yearText = String(year)
        let paddedYear = String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText
        return "\(paddedYear)-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):\(two(second))Z"
    }
}

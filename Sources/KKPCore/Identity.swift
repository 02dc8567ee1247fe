import Synchronization

/// Where new cluster ids come from; injected so tests and the deterministic mode get predictable ids.
public protocol IDGenerator: Sendable {
    /// A new id.
    func next() -> String

    /// Starts the sequence again, so the next ids are the ones a new generator would give; random generators
    /// ignore it. `POST /__mock/reset` calls it.
    func restart()
}

extension IDGenerator {
    /// Does nothing: a generator without a sequence has nothing to start again.
    public func restart() {}
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
    private let start: Int
    private let counter: Atomic<Int>

    /// A generator whose first id is the one after `start`.
    public init(start: Int = 0) {
        self.start = start
        counter = Atomic(start)
    }

    /// Starts again: the next id is the first one again.
    public func restart() {
        counter.store(start, ordering: .relaxed)
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

    /// Milliseconds since 1970-01-01T00:00:00Z, for the request journal.
    func nowInMilliseconds() -> Int64
}

extension WallClock {
    /// ``now()`` in milliseconds, for clocks that know only seconds.
    public func nowInMilliseconds() -> Int64 { now() * 1000 }
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

/// RFC 3339 timestamps as KKP writes them: UTC, second precision (`2013-02-03T19:54:00Z`); and HTTP dates.
public enum Timestamp {
    /// The timestamp of `seconds` since the epoch.
    public static func rfc3339(_ seconds: Int64) -> String {
        let time = CivilTime(seconds)
        return "\(four(time.year))-\(two(time.month))-\(two(time.day))T\(two(time.hour)):\(two(time.minute)):\(two(time.second))Z"
    }

    /// The RFC 3339 timestamp of `milliseconds` since the epoch, with three decimals (`2013-02-03T19:54:00.120Z`).
    public static func rfc3339(milliseconds: Int64) -> String {
        var bytes: [UInt8] = []
        appendRFC3339(milliseconds: milliseconds, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends what ``rfc3339(milliseconds:)`` returns, as UTF-8, without making a `String` (each access log line
    /// starts with one).
    public static func appendRFC3339(milliseconds: Int64, to bytes: inout [UInt8]) {
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let time = CivilTime(seconds)
        guard (0...9999).contains(time.year) else {
            let fraction = String(milliseconds - seconds * 1000)
            let text = rfc3339(seconds).dropLast() + "." + String(repeating: "0", count: 3 - fraction.count) + fraction + "Z"
            bytes.append(contentsOf: text.utf8)
            return
        }
        func put(_ byte: UInt8) { bytes.append(byte) }
        digits(time.year, 4, put)
        put(UInt8(ascii: "-"))
        digits(time.month, 2, put)
        put(UInt8(ascii: "-"))
        digits(time.day, 2, put)
        put(UInt8(ascii: "T"))
        digits(time.hour, 2, put)
        put(UInt8(ascii: ":"))
        digits(time.minute, 2, put)
        put(UInt8(ascii: ":"))
        digits(time.second, 2, put)
        put(UInt8(ascii: "."))
        digits(milliseconds - seconds * 1000, 3, put)
        put(UInt8(ascii: "Z"))
    }

    /// The HTTP date of `seconds` since the epoch, as the `Date` header writes it (RFC 9110's IMF-fixdate,
    /// `Sun, 06 Nov 1994 08:49:37 GMT`), clamped to the years 0000 to 9999 the format can write.
    public static func httpDate(_ seconds: Int64) -> String {
        // Written byte by byte: every response carries one, and string interpolation would allocate a dozen times.
        let time = CivilTime(min(max(seconds, -62_167_219_200), 253_402_300_799))
        let weekday = Int((time.days % 7 + 7) % 7) * 3  // 1970-01-01 was a Thursday
        let month = (Int(time.month) - 1) * 3
        return String(unsafeUninitializedCapacity: 29) { buffer in
            var index = 0
            func put(_ byte: UInt8) {
                buffer[index] = byte
                index += 1
            }
            func put(_ table: StaticString, at offset: Int) {
                for i in offset..<offset + 3 { put(table.utf8Start[i]) }
            }
            func put(digits value: Int64, _ count: Int) {
                digits(value, count) { put($0) }
            }
            put("ThuFriSatSunMonTueWed", at: weekday)
            put(UInt8(ascii: ","))
            put(UInt8(ascii: " "))
            put(digits: time.day, 2)
            put(UInt8(ascii: " "))
            put("JanFebMarAprMayJunJulAugSepOctNovDec", at: month)
            put(UInt8(ascii: " "))
            put(digits: time.year, 4)
            put(UInt8(ascii: " "))
            put(digits: time.hour, 2)
            put(UInt8(ascii: ":"))
            put(digits: time.minute, 2)
            put(UInt8(ascii: ":"))
            put(digits: time.second, 2)
            for byte in " GMT".utf8 { put(byte) }
            return index
        }
    }

    /// Writes the last `count` decimal digits of `value` (0 or more) with `put`, zero-padded.
    @inline(__always)
    private static func digits(_ value: Int64, _ count: Int, _ put: (UInt8) -> Void) {
        var divisor: Int64 = 1
        for _ in 1..<count { divisor *= 10 }
        var rest = value % (divisor * 10)
        while divisor > 0 {
            put(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    private static func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static func four(_ value: Int64) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }

    /// A UTC date and time of day.
    private struct CivilTime {
        var days, year, month, day, hour, minute, second: Int64

        init(_ seconds: Int64) {
            days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
            let secondOfDay = seconds - days * 86_400
            // Howard Hinnant's civil_from_days.
            let z = days + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let dayOfEra = z - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
            let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let monthPrime = (5 * dayOfYear + 2) / 153
            day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
            month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
            year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
            hour = secondOfDay / 3600
            minute = secondOfDay % 3600 / 60
            second = secondOfDay % 60
        }
    }
}

import KKPCore
import Testing

/// Timestamps of the journal and the `Date` header, and the id sequence of the deterministic mode.
struct TimestampTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z", "Thu, 01 Jan 1970 00:00:00 GMT"),
        (Int64(1_613_390_400_120), "2021-02-15T12:00:00.120Z", "Mon, 15 Feb 2021 12:00:00 GMT"),
        (Int64(784_111_777_005), "1994-11-06T08:49:37.005Z", "Sun, 06 Nov 1994 08:49:37 GMT"),
        (Int64(951_782_400_000), "2000-02-29T00:00:00.000Z", "Tue, 29 Feb 2000 00:00:00 GMT"),
        (Int64(-1), "1969-12-31T23:59:59.999Z", "Wed, 31 Dec 1969 23:59:59 GMT"),
    ])
    func millisecondTimestampsAndHTTPDates(_ milliseconds: Int64, _ rfc3339: String, _ httpDate: String) {
        #expect(Timestamp.rfc3339(milliseconds: milliseconds) == rfc3339)
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        #expect(Timestamp.httpDate(seconds) == httpDate)
        #expect(Timestamp.rfc3339(seconds) == rfc3339.prefix(19) + "Z")
    }

    /// The byte-wise millisecond timestamp against one made from the second-precision one, over years 0000 to 9999
    /// and beyond them (where both write what string formatting gives).
    @Test func millisecondTimestampsAgreeWithSecondTimestamps() {
        var generator = SystemRandomNumberGenerator()
        let edges: [Int64] = [0, -1, 999, -999, -1000, -62_167_219_200_000, -62_167_219_200_001, 253_402_300_799_999, 253_402_300_800_000]
        let random = (0..<2000).map { _ in Int64.random(in: -70_000_000_000_000...260_000_000_000_000, using: &generator) }
        for milliseconds in edges + random {
            let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
            let fraction = String(milliseconds - seconds * 1000)
            let expected = Timestamp.rfc3339(seconds).dropLast() + "." + String(repeating: "0", count: 3 - fraction.count) + fraction + "Z"
            #expect(Timestamp.rfc3339(milliseconds: milliseconds) == expected, "\(milliseconds)")
        }
    }

    @Test func httpDatesStayWithinTheYearsTheFormatCanWrite() {
        #expect(Timestamp.httpDate(253_402_300_799) == "Fri, 31 Dec 9999 23:59:59 GMT")
        #expect(Timestamp.httpDate(.max) == "Fri, 31 Dec 9999 23:59:59 GMT")
        #expect(Timestamp.httpDate(.min) == "Sat, 01 Jan 0000 00:00:00 GMT")
    }

    @Test func fixedClockGivesWholeSecondsInMilliseconds() {
        #expect(FixedClock(seconds: 1_613_390_400).nowInMilliseconds() == 1_613_390_400_000)
    }

    @Test func sequentialIdsStartAgainAfterRestart() {
        let ids = SequentialIDGenerator()
        let first = [ids.next(), ids.next()]
        ids.restart()
        #expect([ids.next(), ids.next()] == first)
        #expect(first == ["bbbbbbbbbc", "bbbbbbbbbd"])
        RandomIDGenerator().restart()  // no sequence: nothing happens
    }
}

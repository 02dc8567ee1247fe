import KKPCore
import MicroHTTP
import Testing

@testable import KKPAPI

/// Access log lines: one per request, text or JSON, nothing when off.
struct AccessLogTests {
    static let time: Int64 = 1_613_390_400_120

    func line(_ format: AccessLogFormat, path: String = "/api/v1/projects", fault: Int? = nil) -> String? {
        AccessLog.line(
            format, time: Self.time, method: .patch, path: path, status: .ok, duration: .microseconds(412), fault: fault
        ).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func textLineHasTimeMethodPathStatusAndDuration() {
        #expect(line(.text) == "2021-02-15T12:00:00.120Z PATCH /api/v1/projects 200 0.412ms\n")
        #expect(line(.text, fault: 3) == "2021-02-15T12:00:00.120Z PATCH /api/v1/projects 200 0.412ms fault=3\n")
    }

    @Test func jsonLineIsOneObject() throws {
        let text = try #require(line(.json, fault: 2))
        #expect(text.hasSuffix("}\n"))
        #expect(text.filter { $0 == "\n" }.count == 1)
        let object = try JSONValue(parsing: Array(text.utf8.dropLast()))
        #expect(
            object == [
                "time": "2021-02-15T12:00:00.120Z", "method": "PATCH", "path": "/api/v1/projects", "status": 200,
                "durationMs": .number(JSONNumber(validatedLiteral: "0.412")), "fault": 2,
            ])
    }

    @Test func offWritesNothing() {
        #expect(line(.off) == nil)
    }

    @Test func unprintableBytesCannotBreakATextLine() {
        #expect(line(.text, path: "/a b\n\\é")?.contains("/a\\x20b\\x0a\\x5c\\xc3\\xa9 200") == true)
        #expect(line(.text, path: "/\u{7F}\u{1}~!")?.contains(" /\\x7f\\x01~! 200") == true)
    }

    @Test(arguments: [(0.0, "0.000"), (0.0004, "0.000"), (0.0005, "0.001"), (1.5, "1.500"), (1234.5678, "1234.568")])
    func durationsHaveThreeDecimals(_ milliseconds: Double, _ text: String) {
        #expect(AccessLog.formatted(milliseconds) == text)
    }
}

import KKPCore
import Testing

struct HumanDurationTests {
    /// k8s.io/apimachinery's duration.HumanDuration, case by case.
    static let cases: [(Int64, String)] = [
        (-5, "<invalid>"), (-1, "0s"), (0, "0s"), (59, "59s"), (119, "119s"), (120, "2m"), (150, "2m30s"), (599, "9m59s"),
        (600, "10m"), (3 * 3600 - 1, "179m"), (3 * 3600, "3h"), (3 * 3600 + 59 * 60, "3h59m"), (8 * 3600, "8h"),
        (47 * 3600, "47h"), (48 * 3600, "2d"), (50 * 3600, "2d2h"), (8 * 86_400, "8d"), (729 * 86_400, "729d"),
        (730 * 86_400, "2y"), (731 * 86_400, "2y1d"), (8 * 365 * 86_400, "8y"),
    ]

    @Test(arguments: cases.map { $0 })
    func ageReadsAsKubernetesWritesIt(_ pair: (Int64, String)) {
        #expect(HumanDuration.text(seconds: pair.0) == pair.1)
    }
}

struct TimestampParsingTests {
    @Test(arguments: [0, 1_612_382_040, 1_700_000_000, 951_782_400, -86_400] as [Int64])
    func parsingTheFormattedTimestampGivesTheSeconds(_ seconds: Int64) {
        #expect(Timestamp.seconds(rfc3339: Timestamp.rfc3339(seconds)) == seconds)
    }

    @Test func offsetsAndFractionsAreRead() {
        #expect(Timestamp.seconds(rfc3339: "2021-02-03T20:54:00.123+01:00") == Timestamp.seconds(rfc3339: "2021-02-03T19:54:00Z"))
        #expect(Timestamp.seconds(rfc3339: "2021-02-03 19:54:00Z") == nil)
        #expect(Timestamp.seconds(rfc3339: "2021-13-03T19:54:00Z") == nil)
        #expect(Timestamp.seconds(rfc3339: "") == nil)
    }
}

struct LabelSelectorTests {
    static let labels = ["env": "staging", "project-id": "jb4kfzwsxl", "team": "a"]
    static let cases: [(String, Bool)] = [
        ("", true), ("env", true), ("!env", false), ("!missing", true), ("env=staging", true), ("env==staging", true),
        ("env=prod", false), ("env!=prod", true), ("missing!=x", true), ("env in (prod, staging)", true),
        ("env notin (prod,staging)", false), ("env=staging,team=a", true), ("env=staging, team=b", false),
        ("project-id=jb4kfzwsxl", true),
    ]

    @Test(arguments: cases.map { $0 })
    func selectorMatchesAsKubectlMeansIt(_ pair: (String, Bool)) throws {
        #expect(try LabelSelector(parsing: pair.0).matches(Self.labels) == pair.1)
    }

    @Test(arguments: ["env in prod", "=x", "a b=c", "in (x)"])
    func malformedSelectorIsRefused(_ text: String) {
        #expect(throws: LabelSelector.SyntaxError.self) { try LabelSelector(parsing: text) }
    }
}

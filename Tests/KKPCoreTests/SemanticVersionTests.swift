import KKPCore
import Testing

struct SemanticVersionTests {
    @Test(arguments: [
        ("1.20.2", "1.20.2"), ("v1.20", "1.20.0"), ("1", "1.0.0"), ("v1.19.3", "1.19.3"), ("1.19.0-rc.1", "1.19.0-rc.1"),
        ("1.19.0-rc.1+build.5", "1.19.0-rc.1+build.5"), ("01.020.3", "1.20.3"), ("1.18.0+b", "1.18.0+b"),
        ("2147483647.0.0", "2147483647.0.0"), ("0000000001.2.3", "1.2.3"),
    ])
    func parsesAndServesTheCanonicalForm(_ text: String, _ canonical: String) throws {
        let version = try #require(SemanticVersion(parsing: text))
        #expect(version.description == canonical)
    }

    @Test(arguments: [
        "", "v", "1.", "1..2", "1.2.3.4", "a.b.c", "1.2.x", " 1.2.3", "1.2.3 ", "1.2.3-", "1.2.3+", "1.2.3-01",
        "1.2.3-a..b", "1.2.3-ä", "-1.2.3", "V1.2.3", "1.2.3\u{0}", "99999999999.0.0", "1.2.3-rc.1+",
        "2147483648.0.0", "1.2147483648", "v\u{301}1.2.3", "1\u{301}.2.3", "\u{661}.2.3", "1.2.3\u{301}", "vv1.2.3",
    ])
    func rejectsWhatIsNotAVersion(_ text: String) {
        #expect(SemanticVersion(parsing: text) == nil)
    }

    @Test(arguments: [
        ("1.19.3", "1.20.0"), ("1.20.0-rc.1", "1.20.0"), ("1.20.0-alpha", "1.20.0-beta"), ("1.20.0-rc.2", "1.20.0-rc.10"),
        ("1.20.0-1", "1.20.0-a"), ("1.20.0-a", "1.20.0-a.1"), ("1.9.9", "1.10.0"), ("1.20.9", "2.0.0"),
    ])
    func ordersByPrecedence(_ lower: String, _ higher: String) throws {
        let low = try #require(SemanticVersion(parsing: lower))
        let high = try #require(SemanticVersion(parsing: higher))
        #expect(low < high)
        #expect(!(high < low))
    }

    @Test func equalVersionsAreNotOrdered() throws {
        let a = try #require(SemanticVersion(parsing: "v1.20"))
        let b = try #require(SemanticVersion(parsing: "1.20.0"))
        #expect(a == b)
        #expect(!(a < b) && !(b < a))
    }
}

struct VersionCatalogTests {
    let catalog = VersionCatalog(
        versions: ["1.17.16", "1.18.6", "1.18.14", "1.19.0", "1.19.3", "1.20.2"].map { SemanticVersion(parsing: $0)! },
        defaultVersion: SemanticVersion(parsing: "1.19.3")
    )

    @Test func possibleUpdatesAreTheSameAndTheNextMinor() {
        let updates = catalog.possibleUpdates(from: SemanticVersion(1, 18, 14)).map(\.description)
        #expect(updates == ["1.18.6", "1.19.0", "1.19.3"])
    }

    @Test func possibleUpdatesFromAnUnsupportedVersionFollowTheSameRule() {
        let updates = catalog.possibleUpdates(from: SemanticVersion(1, 19, 1)).map(\.description)
        #expect(updates == ["1.19.0", "1.19.3", "1.20.2"])
    }

    @Test func theNewestMinorCanOnlyMoveWithinItself() {
        #expect(catalog.possibleUpdates(from: SemanticVersion(1, 20, 2)).isEmpty)
    }

    @Test func versionsAreSortedAndUnique() {
        let shuffled = VersionCatalog(
            versions: [SemanticVersion(1, 20, 2), SemanticVersion(1, 17, 9), SemanticVersion(1, 20, 2)], defaultVersion: nil)
        #expect(shuffled.versions.map(\.description) == ["1.17.9", "1.20.2"])
    }
}

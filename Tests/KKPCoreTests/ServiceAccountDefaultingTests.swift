import KKPCore
import Testing

/// How a test sets a member of `spec.serviceAccount`.
enum MemberSetting: String, CaseIterable, Sendable {
    case absent, null, empty, set
}

/// The defaulting table of DESIGN.md, through the same path every write takes (`ClusterPolicy.admit`).
struct ServiceAccountDefaultingTests {
    static let url = "https://w225mx4z66.europe-west3-c.kkp.example.com:31885"
    let policy = ClusterPolicy(catalog: VersionCatalog(versions: [SemanticVersion(1, 19, 3)], defaultVersion: nil))

    /// A cluster intent on `version` whose `spec.serviceAccount` holds `members` (when non-nil).
    static func intent(version: String, serviceAccount members: [(String, JSONValue)]?) -> JSONObject {
        var spec: JSONObject = ["cloud": ["dc": "aws-eu-central-1a", "aws": [:]], "version": .string(version)]
        if let members { spec["serviceAccount"] = .object(JSONObject(members.map { (key: $0.0, value: $0.1) })) }
        return ["id": "w225mx4z66", "name": "c", "spec": .object(spec), "status": ["url": .string(url)]]
    }

    func effective(_ intent: JSONObject) throws -> (JSONObject, [String]) {
        let write = try policy.admit(intent)
        return (try #require(write.documents.effective.value(at: ["spec", "serviceAccount"])?.objectValue), write.warnings)
    }

    // version, enabled flag as sent, expected effective flag, expects a warning
    static let enabledTable: [(String, MemberSetting, Bool?, Bool, Bool)] = {
        var rows: [(String, MemberSetting, Bool?, Bool, Bool)] = []
        for version in ["1.17.9", "1.18.14", "1.19.3"] {
            rows.append((version, .absent, nil, false, false))
            rows.append((version, .null, nil, false, false))
            rows.append((version, .set, true, true, false))
            rows.append((version, .set, false, false, false))
        }
        for version in ["1.20.0", "1.20.2", "1.21.5", "1.22.1"] {
            rows.append((version, .absent, nil, true, false))
            rows.append((version, .null, nil, true, false))
            rows.append((version, .set, true, true, false))
            rows.append((version, .set, false, true, true))
        }
        return rows
    }()

    @Test(arguments: enabledTable)
    func tokenVolumeProjectionFollowsTheVersion(_ row: (String, MemberSetting, Bool?, Bool, Bool)) throws {
        let (version, setting, sent, expected, warns) = row
        let members: [(String, JSONValue)]? =
            switch setting {
            case .absent: nil
            case .null: [("tokenVolumeProjectionEnabled", .null)]
            case .empty, .set: [("tokenVolumeProjectionEnabled", .bool(sent!))]
            }
        let (settings, warnings) = try effective(Self.intent(version: version, serviceAccount: members))
        #expect(settings["tokenVolumeProjectionEnabled"] == .bool(expected))
        #expect(warnings.isEmpty == !warns)
        if warns { #expect(warnings.first?.contains("1.20") == true) }
    }

    @Test(arguments: [MemberSetting.absent, .null, .empty, .set], [MemberSetting.absent, .null, .empty, .set])
    func issuerAndAudiencesDefaultToTheAPIServerURL(_ issuer: MemberSetting, _ audiences: MemberSetting) throws {
        var members: [(String, JSONValue)] = []
        switch issuer {
        case .absent: break
        case .null: members.append(("issuer", .null))
        case .empty: members.append(("issuer", ""))
        case .set: members.append(("issuer", "https://issuer.example.com"))
        }
        switch audiences {
        case .absent: break
        case .null: members.append(("apiAudiences", .null))
        case .empty: members.append(("apiAudiences", []))
        case .set: members.append(("apiAudiences", ["vault", "https://issuer.example.com"]))
        }
        for version in ["1.17.9", "1.19.3", "1.20.2", "1.22.0"] {
            let (settings, _) = try effective(Self.intent(version: version, serviceAccount: members))
            let expectedIssuer = issuer == .set ? "https://issuer.example.com" : Self.url
            #expect(settings["issuer"] == .string(expectedIssuer))
            let expectedAudiences: JSONValue = audiences == .set ? ["vault", "https://issuer.example.com"] : [.string(expectedIssuer)]
            #expect(settings["apiAudiences"] == expectedAudiences)
        }
    }

    @Test func settingsArePresentAndOrderedEvenWhenNothingIsSet() throws {
        let (settings, warnings) = try effective(Self.intent(version: "1.19.3", serviceAccount: nil))
        #expect(settings.keys == ["tokenVolumeProjectionEnabled", "issuer", "apiAudiences"])
        #expect(
            JSONValue.object(settings).serializedString
                == #"{"tokenVolumeProjectionEnabled":false,"issuer":"\#(Self.url)","apiAudiences":["\#(Self.url)"]}"#)
        #expect(warnings.isEmpty)
    }

    @Test func explicitFalseStaysInTheIntentOnNewVersions() throws {
        let write = try policy.admit(Self.intent(version: "1.20.2", serviceAccount: [("tokenVolumeProjectionEnabled", false)]))
        #expect(write.documents.intent.value(at: ["spec", "serviceAccount", "tokenVolumeProjectionEnabled"]) == .bool(false))
        #expect(write.documents.effective.value(at: ["spec", "serviceAccount", "tokenVolumeProjectionEnabled"]) == .bool(true))
    }

    @Test func emptyURLGivesNoAudiences() {
        let (settings, _) = ServiceAccountDefaulting.effective(intent: nil, version: SemanticVersion(1, 19, 3), apiServerURL: "")
        #expect(settings["issuer"] == "")
        #expect(settings["apiAudiences"] == [])
    }
}

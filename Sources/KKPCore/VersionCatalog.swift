/// The Kubernetes versions a KKP installation offers, its default, and its upgrade rule.
///
/// KKP v2.16 offered 1.17.9 to 1.20.2 with 1.19.3 as the default; the fixtures say which apply.
public struct VersionCatalog: Sendable, Equatable {
    /// The supported versions, in ascending order.
    public let versions: [SemanticVersion]
    /// The version a new cluster gets in KKP's UI; `nil` when none is configured.
    public let defaultVersion: SemanticVersion?

    /// A catalog of `versions` (sorted and deduplicated here) with an optional default.
    public init(versions: [SemanticVersion], defaultVersion: SemanticVersion?) {
        self.versions = Array(Set(versions)).sorted()
        self.defaultVersion = defaultVersion
    }

    /// Whether `version` is offered.
    public func supports(_ version: SemanticVersion) -> Bool {
        versions.contains(version)
    }

    /// The versions a cluster on `current` may move to: every supported version of the same minor (up or down) or
    /// of the next minor, other than `current` itself. KKP's rule is `1.N.* → 1.N.*` and `1.N.* → 1.(N+1).*`.
    public func possibleUpdates(from current: SemanticVersion) -> [SemanticVersion] {
        versions.filter { candidate in
            candidate != current && candidate.major == current.major
                && (candidate.minor == current.minor || candidate.minor == current.minor + 1)
        }
    }
}

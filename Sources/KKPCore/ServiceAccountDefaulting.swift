/// KKP's documented defaults for `spec.serviceAccount` (Service Account Token Volume Projection), by version.
///
/// With v = `spec.version`:
/// - `tokenVolumeProjectionEnabled` is `true` when v ≥ 1.20, whatever the intent says (KKP enables projection there
///   unconditionally; an explicit `false` stays in the intent and earns a warning); below 1.20 it is the intent's
///   value, else `false`.
/// - `issuer` is the intent's non-empty value, else the cluster's API server URL (`status.url`).
/// - `apiAudiences` is the intent's non-empty list, else `[issuer]`.
///
/// A member that is absent or `null` in the intent counts as not set. KKP computes the same values when it writes the
/// kube-apiserver flags (`pkg/resources/apiserver/deployment.go`); kkp-mock shows them in every response.
public enum ServiceAccountDefaulting {
    /// The first version on which projection is always on.
    public static let alwaysEnabledFrom = SemanticVersion(1, 20)

    /// The effective settings and the warnings a write of this intent earns.
    /// - Parameters:
    ///   - intent: the intent's `spec.serviceAccount`, already type-checked; `nil` when absent.
    ///   - version: the cluster's `spec.version`.
    ///   - apiServerURL: the cluster's `status.url`.
    public static func effective(
        intent: JSONObject?,
        version: SemanticVersion,
        apiServerURL: String
    ) -> (settings: JSONObject, warnings: [String]) {
        let requested = intent?[Field.enabled]?.boolValue
        var warnings: [String] = []
        let enabled: Bool
        if (version.major, version.minor) >= (alwaysEnabledFrom.major, alwaysEnabledFrom.minor) {
            enabled = true
            if requested == false {
                warnings.append(
                    "spec.serviceAccount.tokenVolumeProjectionEnabled=false is ignored: KKP always enables "
                        + "service account token volume projection on Kubernetes \(alwaysEnabledFrom.major)."
                        + "\(alwaysEnabledFrom.minor) and later (this cluster runs \(version))"
                )
            }
        } else {
            enabled = requested ?? false
        }
        let issuer = intent?[Field.issuer]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? apiServerURL
        let audiences: [JSONValue]
        if let requested = intent?[Field.audiences]?.arrayValue, !requested.isEmpty {
            audiences = requested
        } else {
            audiences = issuer.isEmpty ? [] : [.string(issuer)]
        }
        let settings = JSONObject(uniqueMembers: [
            (key: Field.enabled, value: .bool(enabled)),
            (key: Field.issuer, value: .string(issuer)),
            (key: Field.audiences, value: .array(audiences)),
        ])
        return (settings, warnings)
    }

    /// The member names of `ServiceAccountSettings`, in KKP's order.
    public enum Field {
        /// `tokenVolumeProjectionEnabled`
        public static let enabled = "tokenVolumeProjectionEnabled"
        /// `issuer`
        public static let issuer = "issuer"
        /// `apiAudiences`
        public static let audiences = "apiAudiences"
    }
}

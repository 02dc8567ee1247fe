/// The API `Cluster` of KKP v2.16 (`pkg/api/v1/types.go`), as a ``FieldSchema`` in KKP's struct order.
public enum ClusterSchema {
    /// The `ServiceAccountSettings` object (`spec.serviceAccount`).
    public static let serviceAccount = FieldSchema.object(
        goType: "v1.ServiceAccountSettings",
        members: [
            (ServiceAccountDefaulting.Field.enabled, .bool),
            (ServiceAccountDefaulting.Field.issuer, .string),
            (ServiceAccountDefaulting.Field.audiences, .stringArray),
        ]
    )

    /// The `ClusterSpec` object, members in the order of KKP's public marshalling.
    public static let spec = FieldSchema.object(
        goType: "v1.ClusterSpec",
        members: [
            ("cloud", .object(goType: "v1.CloudSpec", members: [("dc", .string)])),
            ("machineNetworks", .array),
            ("version", .version),
            (
                "oidc",
                .object(
                    goType: "v1.OIDCSettings",
                    members: [
                        ("issuerURL", .string), ("clientID", .string), ("clientSecret", .string),
                        ("usernameClaim", .string), ("groupsClaim", .string), ("requiredClaim", .string),
                        ("extraScopes", .string),
                    ]
                )
            ),
            ("updateWindow", .object(goType: "v1.UpdateWindow", members: [("start", .string), ("length", .string)])),
            ("usePodSecurityPolicyAdmissionPlugin", .bool),
            ("usePodNodeSelectorAdmissionPlugin", .bool),
            ("enableUserSSHKeyAgent", .bool),
            ("auditLogging", .object(goType: "v1.AuditLoggingSettings", members: [("enabled", .bool)])),
            ("admissionPlugins", .stringArray),
            ("podNodeSelectorAdmissionPluginConfig", .stringMap),
            ("serviceAccount", serviceAccount),
            ("opaIntegration", .object(goType: "v1.OPAIntegrationSettings", members: [("enabled", .bool)])),
        ]
    )

    /// The `ClusterStatus` object.
    public static let status = FieldSchema.object(
        goType: "v1.ClusterStatus",
        members: [("version", .version), ("url", .string)]
    )

    /// The `Cluster` object.
    public static let cluster = FieldSchema.object(
        goType: "v1.Cluster",
        members: [
            ("id", .string),
            ("name", .string),
            ("deletionTimestamp", .string),
            ("creationTimestamp", .string),
            ("labels", .stringMap),
            ("inheritedLabels", .stringMap),
            ("type", .string),
            ("credential", .string),
            ("spec", spec),
            ("status", status),
        ]
    )

    /// Fields a client cannot change: a patch that touches them is answered with the stored value and a warning.
    public static let readOnlyPaths: [[String]] = [
        ["id"], ["creationTimestamp"], ["deletionTimestamp"], ["type"], ["status"], ["credential"],
        ["inheritedLabels"], ["spec", "enableUserSSHKeyAgent"],
    ]
}

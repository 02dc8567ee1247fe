import KKPCore
import KKPTesting
import Testing

struct ClusterPolicyTests {
    let fixtures: FixtureSet
    let policy: ClusterPolicy

    init() throws {
        fixtures = try Fixtures.load()
        policy = ClusterPolicy(catalog: fixtures.directory.catalog)
    }

    func stored(_ id: String = Fixtures.IDs.staging) throws -> ClusterDocuments {
        try #require(fixtures.clusters.first { $0.id == id }).documents
    }

    func patch(_ text: String, _ id: String = Fixtures.IDs.staging) throws -> ClusterWrite {
        try policy.patch(try JSONValue(parsing: text), stored: try stored(id))
    }

    func expectBadRequest(_ text: String, _ id: String = Fixtures.IDs.staging, message: String) throws {
        let error = try #require(throws: APIError.self) { try patch(text, id) }
        #expect(error.code == 400)
        #expect(error.message == message)
    }

    @Test func enablingProjectionOn119DefaultsIssuerAndAudiences() throws {
        let write = try patch(#"{"spec":{"serviceAccount":{"tokenVolumeProjectionEnabled":true}}}"#)
        let settings = try #require(write.documents.effective.value(at: ["spec", "serviceAccount"]))
        let url = "https://w225mx4z66.europe-west3-c.kkp.example.com:31885"
        #expect(settings == ["tokenVolumeProjectionEnabled": true, "issuer": .string(url), "apiAudiences": [.string(url)]])
        #expect(write.documents.intent.value(at: ["spec", "serviceAccount"]) == ["tokenVolumeProjectionEnabled": true])
        #expect(write.warnings.isEmpty)
    }

    @Test func nullResetsADefaultedField() throws {
        let on = try patch(#"{"spec":{"serviceAccount":{"tokenVolumeProjectionEnabled":true,"issuer":"https://custom"}}}"#)
        let reset = try policy.patch(try JSONValue(parsing: #"{"spec":{"serviceAccount":{"issuer":null}}}"#), stored: on.documents)
        #expect(
            reset.documents.effective.value(at: ["spec", "serviceAccount", "issuer"]) == "https://w225mx4z66.europe-west3-c.kkp.example.com:31885")
        #expect(reset.documents.effective.value(at: ["spec", "serviceAccount", "tokenVolumeProjectionEnabled"]) == true)
    }

    @Test func upgradeToASupported120VersionTurnsTheDefaultOnAndMovesStatusVersion() throws {
        let write = try patch(#"{"spec":{"version":"1.20.2"}}"#)
        #expect(write.documents.effective.value(at: ["spec", "version"]) == "1.20.2")
        #expect(write.documents.effective.value(at: ["status", "version"]) == "1.20.2")
        #expect(write.documents.effective.value(at: ["spec", "serviceAccount", "tokenVolumeProjectionEnabled"]) == true)
    }

    @Test func versionIsStoredCanonical() throws {
        let write = try patch(#"{"spec":{"version":"v1.19.0"}}"#)
        #expect(write.documents.intent.value(at: ["spec", "version"]) == "1.19.0")
    }

    @Test func upgradeSkippingAMinorIsRejected() throws {
        try expectBadRequest(
            #"{"spec":{"version":"1.20.2"}}"#, Fixtures.IDs.prod,
            message:
                #"invalid cluster: spec.version: Unsupported value: "1.20.2": supported values: "1.18.6", "1.18.8", "1.18.10", "1.19.0", "1.19.2", "1.19.3""#
        )
    }

    @Test func unsupportedVersionIsRejected() throws {
        try expectBadRequest(
            #"{"spec":{"version":"1.19.9"}}"#,
            message: #"invalid cluster: spec.version: Unsupported value: "1.19.9": supported values: "1.19.0", "1.19.2", "1.20.2""#
        )
    }

    @Test func aVersionWithNoUpdatesListsNoSupportedValues() throws {
        // A cluster on a version two minors below every offered one (stored before the catalog moved on): Kubernetes'
        // field.NotSupported leaves out "supported values" when there are none.
        var old = try stored()
        old.intent.setValue("1.15.0", at: ["spec", "version"])
        let error = try #require(throws: APIError.self) {
            try policy.patch(try JSONValue(parsing: #"{"spec":{"version":"1.19.3"}}"#), stored: old)
        }
        #expect(error.code == 400)
        #expect(error.message == #"invalid cluster: spec.version: Unsupported value: "1.19.3""#)
    }

    @Test func downgradeWithinTheMinorIsAllowed() throws {
        let write = try patch(#"{"spec":{"version":"1.19.0"}}"#)
        #expect(write.documents.effective.value(at: ["status", "version"]) == "1.19.0")
    }

    @Test(arguments: ["abc", "1.2.3.4", "", "v"])
    func invalidVersionIsABadRequest(_ version: String) throws {
        let error = try #require(throws: APIError.self) { try patch(#"{"spec":{"version":"\#(version)"}}"#) }
        #expect(error.code == 400)
        #expect(error.message == "cannot decode patched cluster: Invalid Semantic Version")
    }

    @Test func removingTheVersionIsABadRequest() throws {
        try expectBadRequest(
            #"{"spec":{"version":null}}"#,
            message: #"invalid cluster: invalid cloud spec "Version" is required but was not specified"#
        )
    }

    @Test(arguments: [
        (#"{"spec":{"version":1.2}}"#, "Cluster.spec.version of type semver.Semver", "number"),
        (
            #"{"spec":{"serviceAccount":{"tokenVolumeProjectionEnabled":"yes"}}}"#,
            "Cluster.spec.serviceAccount.tokenVolumeProjectionEnabled of type bool", "string"
        ),
        (#"{"spec":{"serviceAccount":{"issuer":5}}}"#, "Cluster.spec.serviceAccount.issuer of type string", "number"),
        (#"{"spec":{"serviceAccount":{"apiAudiences":"a"}}}"#, "Cluster.spec.serviceAccount.apiAudiences of type []string", "string"),
        (#"{"spec":{"serviceAccount":{"apiAudiences":["a",1]}}}"#, "Cluster.spec.serviceAccount.apiAudiences[1] of type string", "number"),
        (#"{"spec":{"serviceAccount":[]}}"#, "Cluster.spec.serviceAccount of type v1.ServiceAccountSettings", "array"),
        (#"{"spec":"x"}"#, "Cluster.spec of type v1.ClusterSpec", "string"),
        (#"{"labels":{"a":true}}"#, "Cluster.labels.a of type string", "bool"),
        (#"{"name":{}}"#, "Cluster.name of type string", "object"),
    ])
    func wrongTypeNamesTheField(_ body: String, _ field: String, _ found: String) throws {
        try expectBadRequest(body, message: "cannot decode patched cluster: json: cannot unmarshal \(found) into Go struct field \(field)")
    }

    @Test func patchThatIsNotAnObjectIsABadRequest() throws {
        for body in ["null", "\"x\"", "1", "true"] {
            try expectBadRequest(body, message: "cannot patch cluster: Invalid JSON Patch")
        }
        try expectBadRequest("[]", message: "cannot decode patched cluster: json: cannot unmarshal array into Go value of type v1.Cluster")
    }

    @Test func changingTheDatacenterIsRejected() throws {
        try expectBadRequest(#"{"spec":{"cloud":{"dc":"hetzner-nbg1"}}}"#, message: "invalid cluster: changing the datacenter is not allowed")
    }

    @Test func changingTheProviderIsRejected() throws {
        try expectBadRequest(#"{"spec":{"cloud":{"aws":null,"gcp":{}}}}"#, message: "invalid cluster: not allowed to change the cloud provider")
    }

    @Test func readOnlyFieldsKeepTheirStoredValueWithAWarning() throws {
        let write = try patch(#"{"id":"other","status":{"url":"https://evil"},"spec":{"enableUserSSHKeyAgent":false},"name":"renamed"}"#)
        #expect(write.documents.effective["id"] == "w225mx4z66")
        #expect(write.documents.effective.value(at: ["status", "url"]) == "https://w225mx4z66.europe-west3-c.kkp.example.com:31885")
        #expect(write.documents.effective.value(at: ["spec", "enableUserSSHKeyAgent"]) == true)
        #expect(write.documents.effective["name"] == "renamed")
        #expect(write.warnings.count == 3)
        #expect(write.warnings.contains("status is read-only: the change was ignored"))
    }

    @Test func sendingBackTheServedDocumentChangesNothingAndWarnsOfNothing() throws {
        let documents = try stored()
        let write = try policy.patch(.object(documents.effective), stored: documents)
        #expect(write.warnings.isEmpty)
        #expect(write.documents.effective == documents.effective)
    }

    @Test func emptyPatchLeavesTheDocumentsEqual() throws {
        let write = try patch("{}")
        #expect(write.documents == (try stored()))
    }

    @Test func nestedObjectsAndArraysMerge() throws {
        let write = try patch(
            #"{"labels":{"team":"x","env":null},"spec":{"admissionPlugins":["PodNodeSelector"],"updateWindow":{"start":"Mon 01:00","length":"1h"}}}"#)
        #expect(write.documents.effective["labels"] == ["team": "x"])
        #expect(write.documents.effective.value(at: ["spec", "admissionPlugins"]) == ["PodNodeSelector"])
        #expect(write.documents.effective.value(at: ["spec", "updateWindow", "length"]) == "1h")
    }

    @Test func effectiveDocumentFollowsKKPFieldOrder() throws {
        let write = try patch(#"{"spec":{"serviceAccount":{"apiAudiences":["b"],"issuer":"i"},"admissionPlugins":[]},"labels":{"b":"1"}}"#)
        #expect(write.documents.effective.keys == ["id", "name", "creationTimestamp", "labels", "type", "spec", "status"])
        let spec = try #require(write.documents.effective["spec"]?.objectValue)
        #expect(spec.keys == ["cloud", "version", "oidc", "enableUserSSHKeyAgent", "admissionPlugins", "serviceAccount"])
        #expect(spec["serviceAccount"]?.objectValue?.keys == ["tokenVolumeProjectionEnabled", "issuer", "apiAudiences"])
    }

    @Test func unknownFieldsAreDroppedWithAWarningEach() throws {
        let write = try patch(
            #"{"zzz":1,"spec":{"cloud":{"aws":{"vpcId":"v","nope":2}},"machineNetworks":[{"cidr":"10.0.0.0/24","bad":1}],"serviceAccount":{"extra":true}}}"#
        )
        #expect(
            write.warnings == [
                #"unknown field "spec.cloud.aws.nope" was dropped"#, #"unknown field "spec.machineNetworks[0].bad" was dropped"#,
                #"unknown field "spec.serviceAccount.extra" was dropped"#, #"unknown field "zzz" was dropped"#,
            ])
        #expect(write.documents.intent["zzz"] == nil)
        #expect(write.documents.intent.value(at: ["spec", "cloud", "aws"]) == ["vpcId": "v"])
        #expect(write.documents.intent.value(at: ["spec", "machineNetworks"]) == [["cidr": "10.0.0.0/24"]])
    }

    @Test func strictPolicyRefusesUnknownFields() throws {
        let strict = ClusterPolicy(catalog: fixtures.directory.catalog, strict: true)
        let error = try #require(throws: APIError.self) {
            try strict.patch(try JSONValue(parsing: #"{"spec":{"serviceAccount":{"extra":true}}}"#), stored: try stored())
        }
        #expect(error.code == 400)
        #expect(error.message == #"cannot decode patched cluster: json: unknown field "extra""#)
        #expect(error.details == [#"unknown field "spec.serviceAccount.extra""#])
        #expect(throws: Never.self) { try strict.patch(try JSONValue(parsing: #"{"labels":{"free":"form"}}"#), stored: try stored()) }
    }

    @Test(arguments: [
        (#"{"spec":{"machineNetworks":[{"dnsServers":[1]}]}}"#, "number", "Cluster.spec.machineNetworks[0].dnsServers[0] of type string"),
        (#"{"spec":{"auditLogging":{"enabled":"yes"}}}"#, "string", "Cluster.spec.auditLogging.enabled of type bool"),
        (#"{"spec":{"cloud":{"aws":{"vpcId":false}}}}"#, "bool", "Cluster.spec.cloud.aws.vpcId of type string"),
        (
            #"{"spec":{"podNodeSelectorAdmissionPluginConfig":{"a":{}}}}"#, "object",
            "Cluster.spec.podNodeSelectorAdmissionPluginConfig.a of type string"
        ),
        (#"{"spec":{"updateWindow":"sometimes"}}"#, "string", "Cluster.spec.updateWindow of type v1.UpdateWindow"),
    ])
    func wrongTypesAnywhereNameTheField(_ body: String, _ found: String, _ field: String) throws {
        try expectBadRequest(body, message: "cannot decode patched cluster: json: cannot unmarshal \(found) into Go struct field \(field)")
    }

    @Test func falseOn120IsKeptInTheIntentWithAWarning() throws {
        let write = try patch(#"{"spec":{"serviceAccount":{"tokenVolumeProjectionEnabled":false}}}"#, Fixtures.IDs.edge)
        #expect(write.documents.effective.value(at: ["spec", "serviceAccount", "tokenVolumeProjectionEnabled"]) == true)
        #expect(write.documents.intent.value(at: ["spec", "serviceAccount", "tokenVolumeProjectionEnabled"]) == false)
        #expect(write.warnings.count == 1)
    }
}

import KKPCore
import KKPTesting
import Testing

/// The REST document ↔ Cluster custom resource mapping, both ways.
struct ClusterResourceTests {
    let fixtures: FixtureSet
    let policy: ClusterPolicy
    static let url = "https://w225mx4z66.europe-west3-c.kkp.example.com:31885"

    init() throws {
        fixtures = try Fixtures.load()
        policy = ClusterPolicy(catalog: fixtures.directory.catalog)
    }

    func documents(_ id: String = Fixtures.IDs.staging) throws -> ClusterDocuments {
        try #require(fixtures.clusters.first { $0.id == id }).documents
    }

    func resource(_ id: String = Fixtures.IDs.staging, resourceVersion: Int = 7) throws -> JSONObject {
        ClusterResource.object(
            from: try documents(id).effective,
            placement: .init(projectID: Fixtures.IDs.demoProject, resourceVersion: resourceVersion, ownerEmail: "jane.doe@example.com"))
    }

    /// The change a proposed resource (the current one with `edit` applied) asks for.
    func change(
        _ edit: (inout JSONObject) -> Void, requireResourceVersion: Bool = false, strict: Bool = false
    ) throws(ClusterResourceError) -> ClusterResource.Change {
        let current = try! resource()
        var proposed = current
        edit(&proposed)
        return try ClusterResource.change(from: current, to: .object(proposed), requireResourceVersion: requireResourceVersion, strict: strict)
    }

    // MARK: REST → resource

    @Test func resourceHasKKPsV216Shape() throws {
        let resource = try resource()
        #expect(resource.keys == ["address", "apiVersion", "kind", "metadata", "spec", "status"])
        #expect(resource["apiVersion"] == "kubermatic.k8s.io/v1")
        #expect(resource["kind"] == "Cluster")
        let metadata = try #require(resource["metadata"]?.objectValue)
        #expect(metadata["name"] == "w225mx4z66")
        #expect(metadata["resourceVersion"] == "7")
        #expect(metadata["creationTimestamp"] == "2021-02-03T19:54:00Z")
        #expect(metadata["labels"] == ["env": "staging", "project-id": "jb4kfzwsxl"])
        #expect(metadata["uid"] == .string(ClusterResource.uid(of: "w225mx4z66")))
        let spec = try #require(resource["spec"]?.objectValue)
        #expect(spec["humanReadableName"] == "staging-eu")
        #expect(spec["version"] == "1.19.3")
        #expect(spec["cloud"] == ["aws": [:], "dc": "aws-eu-central-1a"])
        #expect(spec["enableUserSSHKeyAgent"] == true)
        #expect(spec["oidc"] == [:])
        #expect(spec["exposeStrategy"] == "NodePort")
        #expect(spec["serviceAccount"] == ["apiAudiences": [.string(Self.url)], "issuer": .string(Self.url), "tokenVolumeProjectionEnabled": false])
        #expect(resource.value(at: ["status", "namespaceName"]) == "cluster-w225mx4z66")
        #expect(resource.value(at: ["status", "userEmail"]) == "jane.doe@example.com")
        #expect(resource.value(at: ["address", "url"]) == .string(Self.url))
        #expect(resource.value(at: ["address", "port"]) == 31885)
        #expect(resource.value(at: ["address", "externalName"]) == "w225mx4z66.europe-west3-c.kkp.example.com")
        #expect(resource.value(at: ["address", "internalURL"]) == "apiserver-external.cluster-w225mx4z66.svc.cluster.local.")
    }

    @Test func membersAreSortedAtEveryLevel() throws {
        func check(_ value: JSONValue) {
            if case .object(let object) = value {
                #expect(object.keys == object.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
                for member in object { check(member.value) }
            }
            if case .array(let elements) = value { elements.forEach(check) }
        }
        check(.object(try resource()))
    }

    @Test func uidIsAStableUUIDPerCluster() {
        let uid = ClusterResource.uid(of: "w225mx4z66")
        #expect(uid == ClusterResource.uid(of: "w225mx4z66"))
        #expect(uid != ClusterResource.uid(of: "zq6lp5wh9n"))
        let groups = uid.split(separator: "-").map(\.count)
        #expect(groups == [8, 4, 4, 4, 12])
        #expect(uid.split(separator: "-")[2].first == "8")
    }

    @Test func addressPortDefaultsToHTTPS() {
        #expect(ClusterResource.address(id: "x", url: "https://x.example.com")["port"] == 443)
        #expect(ClusterResource.address(id: "x", url: "https://x.example.com")["externalName"] == "x.example.com")
    }

    // MARK: resource → REST

    @Test func unchangedResourceAsksForNothing() throws {
        let change = try change { _ in }
        #expect(change.patch.isEmpty)
        #expect(change.warnings.isEmpty)
    }

    @Test func humanReadableNameBecomesTheRESTName() throws {
        let change = try change { $0.setValue("renamed", at: ["spec", "humanReadableName"]) }
        #expect(change.patch == ["name": "renamed"])
    }

    @Test func enablingProjectionPatchesOnlyThatField() throws {
        let change = try change { $0.setValue(true, at: ["spec", "serviceAccount", "tokenVolumeProjectionEnabled"]) }
        #expect(change.patch.serializedString == #"{"spec":{"serviceAccount":{"tokenVolumeProjectionEnabled":true}}}"#)
        let write = try policy.patch(.object(change.patch), stored: try documents())
        #expect(write.documents.intent.value(at: ["spec", "serviceAccount"]) == ["tokenVolumeProjectionEnabled": true])
    }

    @Test func removingServiceAccountResetsItToTheDefaults() throws {
        let change = try change { $0.setValue(nil, at: ["spec", "serviceAccount"]) }
        #expect(change.patch.serializedString == #"{"spec":{"serviceAccount":null}}"#)
    }

    @Test func labelsOtherThanTheProjectAreTheRESTLabels() throws {
        let change = try change { $0.setValue(["team": "x", "project-id": "jb4kfzwsxl"], at: ["metadata", "labels"]) }
        #expect(change.patch.serializedString == #"{"labels":{"env":null,"team":"x"}}"#)
    }

    @Test func changingTheProjectLabelIsInvalid() throws {
        let error = try #require(throws: ClusterResourceError.self) {
            try change { $0.setValue("t7nqxv2d5c", at: ["metadata", "labels", "project-id"]) }
        }
        #expect(error.reason == .invalid)
        #expect(error.causes.map(\.field) == ["metadata.labels[project-id]"])
        #expect(
            error.message.hasPrefix(#"Cluster.kubermatic.k8s.io "w225mx4z66" is invalid: metadata.labels[project-id]: Invalid value: "t7nqxv2d5c""#))
    }

    @Test func staleResourceVersionIsAConflict() throws {
        let error = try #require(throws: ClusterResourceError.self) { try change { $0.setValue("3", at: ["metadata", "resourceVersion"]) } }
        #expect(error.reason == .conflict)
        #expect(
            error.message
                == #"Operation cannot be fulfilled on clusters.kubermatic.k8s.io "w225mx4z66": the object has been modified; please apply your changes to the latest version and try again"#
        )
    }

    @Test func updateWithoutResourceVersionIsInvalid() throws {
        let error = try #require(throws: ClusterResourceError.self) {
            try change({ $0.setValue(nil, at: ["metadata", "resourceVersion"]) }, requireResourceVersion: true)
        }
        #expect(error.reason.code == 422)
        #expect(
            error.causes == [
                .init(reason: "FieldValueInvalid", field: "metadata.resourceVersion", message: "Invalid value: 0x0: must be specified for an update")
            ])
    }

    @Test func otherUIDIsAConflict() throws {
        let error = try #require(throws: ClusterResourceError.self) { try change { $0.setValue("other", at: ["metadata", "uid"]) } }
        #expect(error.reason == .conflict)
    }

    @Test(arguments: [
        (["kind"], JSONValue.string("Project"), "the kind in the data (Project) does not match the expected kind (Cluster)"),
        (
            ["apiVersion"], "kubermatic.k8c.io/v1",
            "the API version in the data (kubermatic.k8c.io/v1) does not match the expected API version (kubermatic.k8s.io/v1)"
        ),
        (["metadata", "name"], "other", "the name of the object (other) does not match the name on the URL (w225mx4z66)"),
    ])
    func identityChangesAreBadRequests(_ path: [String], _ value: JSONValue, _ message: String) throws {
        let error = try #require(throws: ClusterResourceError.self) { try change { $0.setValue(value, at: path) } }
        #expect(error.reason == .badRequest)
        #expect(error.message == message)
    }

    @Test func missingSpecIsInvalid() throws {
        let error = try #require(throws: ClusterResourceError.self) { try change { $0["spec"] = nil } }
        #expect(error.causes.map(\.field) == ["spec"])
    }

    @Test func serverOwnedPartsAreKeptWithAWarning() throws {
        let change = try change {
            $0.setValue("LoadBalancer", at: ["spec", "exposeStrategy"])
            $0.setValue("https://elsewhere:1", at: ["address", "url"])
            $0.setValue("cluster-x", at: ["status", "namespaceName"])
            $0.setValue(["a": "b"], at: ["metadata", "annotations"])
            $0.setValue("2000-01-01T00:00:00Z", at: ["metadata", "creationTimestamp"])
        }
        #expect(change.patch.isEmpty)
        #expect(
            change.warnings == [
                "metadata.annotations is not kept by kkp-mock (KKP's API Cluster has no place for it): the change was ignored",
                "spec.exposeStrategy is not simulated by kkp-mock and keeps its value: the change was ignored",
                "address is derived from the cluster's API server URL (status.url) and is read-only: the change was ignored",
                "status is read-only: the change was ignored",
            ])
    }

    @Test func unknownTopLevelFieldsAreDroppedOrUnderStrictRefused() throws {
        let lenient = try change { $0["colour"] = "blue" }
        #expect(lenient.warnings == [#"unknown field "colour" was dropped"#])
        #expect(lenient.patch.isEmpty)
        let error = try #require(throws: ClusterResourceError.self) { try change({ $0["colour"] = "blue" }, strict: true) }
        #expect(error.reason == .badRequest)
        #expect(error.message == #"Cluster in version "v1" cannot be handled as a Cluster: strict decoding error: unknown field "colour""#)
    }

    @Test func unknownSpecFieldsGoToThePolicy() throws {
        let change = try change { $0.setValue("blue", at: ["spec", "colour"]) }
        #expect(change.patch.serializedString == #"{"spec":{"colour":"blue"}}"#)
        let write = try policy.patch(.object(change.patch), stored: try documents())
        #expect(write.warnings == [#"unknown field "spec.colour" was dropped"#])
    }

    // MARK: ClusterPolicy's refusals in the resource's terms

    @Test func policyRefusalsBecomeInvalidWithTheResourcesField() throws {
        func translated(_ patch: String) throws -> ClusterResourceError {
            let error = try #require(throws: APIError.self) { try policy.patch(try JSONValue(parsing: patch), stored: try documents()) }
            return ClusterResource.error(translating: error, name: "w225mx4z66")
        }
        let version = try translated(#"{"spec":{"version":"1.22.0"}}"#)
        #expect(version.reason == .invalid)
        #expect(version.causes.map(\.field) == ["spec.version"])
        #expect(version.causes.map(\.reason) == ["FieldValueNotSupported"])
        #expect(
            version.message
                == #"Cluster.kubermatic.k8s.io "w225mx4z66" is invalid: spec.version: Unsupported value: "1.22.0": supported values: "1.19.0", "1.19.2", "1.20.2""#
        )
        #expect(
            try translated(#"{"name":null}"#).causes == [
                .init(reason: "FieldValueRequired", field: "spec.humanReadableName", message: "Required value")
            ])
        #expect(try translated(#"{"name":5}"#).causes.map(\.field) == ["spec.humanReadableName"])
        #expect(try translated(#"{"spec":{"cloud":{"dc":"other"}}}"#).causes.map(\.field) == ["spec.cloud.dc"])
        let strict = ClusterPolicy(catalog: fixtures.directory.catalog, strict: true)
        let unknown = try #require(throws: APIError.self) {
            try strict.patch(try JSONValue(parsing: #"{"spec":{"colour":"blue"}}"#), stored: try documents())
        }
        #expect(
            ClusterResource.error(translating: unknown, name: "w225mx4z66").message
                == #"Cluster in version "v1" cannot be handled as a Cluster: strict decoding error: unknown field "spec.colour""#)
    }
}

extension JSONObject {
    var serializedString: String { JSONValue.object(self).serializedString }
}

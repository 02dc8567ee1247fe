import KKPAPI
import KKPCore
import KKPStore
import KKPTesting
import MicroHTTP
import Testing

/// The Kubernetes view in-process: discovery, the Cluster resource, its writes through the REST write path, its
/// `Status` errors and its auth.
struct KubernetesViewTests {
    let api: APITestHarness
    typealias IDs = Fixtures.IDs
    static let clusters = "/apis/kubermatic.k8s.io/v1/clusters"
    static let staging = clusters + "/" + Fixtures.IDs.staging
    static let stagingREST = "/api/v2/projects/\(Fixtures.IDs.demoProject)/clusters/\(Fixtures.IDs.staging)"
    static let table = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json"
    static let merge: HTTPHeaders = ["Content-Type": "application/merge-patch+json"]
    static let jsonPatch: HTTPHeaders = ["Content-Type": "application/json-patch+json"]

    init() throws {
        api = try APITestHarness()
    }

    // MARK: Discovery

    @Test func discoveryListsTheClusterResource() throws {
        let groups = try api.send(.get, "/apis").json
        #expect(groups["kind"] == "APIGroupList")
        #expect(groups["groups"]?.arrayValue?.first?["preferredVersion"] == ["groupVersion": "kubermatic.k8s.io/v1", "version": "v1"])
        #expect(try api.send(.get, "/apis/kubermatic.k8s.io").json["name"] == "kubermatic.k8s.io")
        let resources = try api.send(.get, "/apis/kubermatic.k8s.io/v1").json
        #expect(resources["groupVersion"] == "kubermatic.k8s.io/v1")
        #expect(
            resources["resources"] == [
                [
                    "name": "clusters", "singularName": "cluster", "namespaced": false, "kind": "Cluster",
                    "verbs": ["get", "list", "patch", "update"], "shortNames": ["cl"],
                ]
            ])
        #expect(try api.send(.get, "/api").json["versions"] == [])
    }

    @Test func versionIsOpenAndTheRestNeedsAToken() throws {
        let version = api.send(.get, "/version", token: nil)
        #expect(version.status == .ok)
        #expect(try version.json["gitVersion"] == "v1.20.2")
        for path in ["/api", "/apis", "/apis/kubermatic.k8s.io/v1", "/openapi/v2", Self.clusters, Self.staging] {
            try api.send(.get, path, token: nil).expectStatus(401, "Unauthorized")
        }
        let open = try APITestHarness(configuration: .init(noAuth: true))
        #expect(open.send(.get, Self.staging, token: nil).status == .ok)
    }

    @Test func openAPIIsProtobufForKubectlAndJSONOtherwise() throws {
        let protobuf = api.send(.get, "/openapi/v2", headers: ["Accept": "application/com.github.proto-openapi.spec.v2@v1.0+protobuf"])
        #expect(protobuf.headers["Content-Type"] == "application/octet-stream")
        #expect(protobuf.body.map { String($0, radix: 16).leftPadded }.joined() == "0a03322e3012150a0a4b756265726e65746573120776312e32302e32")
        let json = try api.send(.get, "/openapi/v2", headers: ["Accept": "application/json"]).json
        #expect(json["swagger"] == "2.0")
        try api.send(.get, "/openapi/v2", headers: ["Accept": "text/html"]).expectStatus(406, "NotAcceptable")
    }

    // MARK: Reads

    @Test func listShowsTheClustersOfTheCallersProjectsByName() throws {
        func names(_ token: String) throws -> [String] {
            let list = try api.send(.get, Self.clusters, token: token).json
            #expect(list["kind"] == "ClusterList")
            return list["items"]?.arrayValue?.compactMap { $0["metadata"]?["name"]?.stringValue } ?? []
        }
        let all = [IDs.ciRunners, IDs.edge, "s5dfnl6b2g", IDs.staging, IDs.prod]
        #expect(try names("admin-token") == all)
        #expect(try names("demo-token") == all)
        #expect(try names("bob-token") == [IDs.ciRunners, "s5dfnl6b2g"])
        #expect(try names("nomad-token") == [])
    }

    @Test func listFiltersByLabelAndFieldSelector() throws {
        let list = try api.send(.get, Self.clusters + "?labelSelector=env%3Dstaging,project-id%3Djb4kfzwsxl").json
        #expect(list["items"]?.arrayValue?.count == 1)
        let byName = try api.send(.get, Self.clusters + "?fieldSelector=metadata.name%3D\(IDs.prod)").json
        #expect(byName["items"]?.arrayValue?.first?["metadata"]?["name"] == .string(IDs.prod))
        try api.send(.get, Self.clusters + "?fieldSelector=spec.version%3D1").expectStatus(400, "BadRequest")
    }

    @Test func tableHasNameHumanReadableNameVersionProjectionAndAge() throws {
        let table = try api.send(.get, Self.clusters, headers: ["Accept": Self.table]).json
        #expect(table["kind"] == "Table")
        #expect(table["apiVersion"] == "meta.k8s.io/v1")
        #expect(
            table["columnDefinitions"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == [
                "Name", "HumanReadableName", "Version", "Projection", "Age",
            ])
        let rows = try #require(table["rows"]?.arrayValue)
        let staging = try #require(rows.first { $0["cells"]?.arrayValue?.first == .string(IDs.staging) })
        let age = HumanDuration.text(seconds: 1_700_000_000 - Timestamp.seconds(rfc3339: "2021-02-03T19:54:00Z")!)
        #expect(staging["cells"] == [.string(IDs.staging), "staging-eu", "1.19.3", "off", .string(age)])
        #expect(staging["object"]?["kind"] == "PartialObjectMetadata")
        let edge = try #require(rows.first { $0["cells"]?.arrayValue?.first == .string(IDs.edge) })
        #expect(edge["cells"]?.arrayValue?[3] == "on")
        let one = try api.send(.get, Self.staging + "?includeObject=None", headers: ["Accept": Self.table]).json
        #expect(one["rows"]?.arrayValue?.count == 1)
        #expect(one["rows"]?.arrayValue?.first?["object"] == nil)
    }

    @Test func getAnswersTheResourceWithTheStoresResourceVersion() throws {
        let resource = try api.send(.get, Self.staging).json
        let rest = api.send(.get, Self.stagingREST)
        #expect(resource["kind"] == "Cluster")
        #expect(rest.headers["ETag"] == "\"\(resource["metadata"]?["resourceVersion"]?.stringValue ?? "?")\"")
    }

    @Test func unknownClusterIsANotFoundStatus() throws {
        let response = api.send(.get, Self.clusters + "/nope")
        try response.expectStatus(404, "NotFound", message: #"clusters.kubermatic.k8s.io "nope" not found"#)
        #expect(try response.json["details"] == ["name": "nope", "group": "kubermatic.k8s.io", "kind": "clusters"])
    }

    @Test func unknownPathsUnderApisAreStatusesAndUnderApiKKPsText() throws {
        try api.send(.get, "/apis/kubermatic.k8s.io/v2").expectStatus(404, "NotFound", message: "the server could not find the requested resource")
        try api.send(.get, Self.staging + "/status").expectStatus(404, "NotFound")
        let rest = api.send(.get, "/api/v3/nothing")
        #expect(rest.status == .notFound)
        #expect(String(decoding: rest.body, as: UTF8.self) == "404 page not found\n")
        let delete = api.send(.delete, Self.staging)
        try delete.expectStatus(405, "MethodNotAllowed")
        #expect(delete.headers["Allow"] == "GET, HEAD, PATCH, PUT, OPTIONS")
    }

    @Test func watchIsNotServed() throws {
        try api.send(.get, Self.clusters + "?watch=true").expectStatus(405, "MethodNotAllowed")
    }

    @Test func oversizedBodyIsAStatus() throws {
        let response = api.responder.respondToOversizedBody(HTTPRequest(method: .patch, target: Self.staging), limit: 10)
        try response.expectStatus(413, "RequestEntityTooLarge")
    }

    @Test func nonMembersAndViewersAreForbidden() throws {
        try api.send(.get, Self.staging, token: "bob-token").expectStatus(
            403, "Forbidden",
            message:
                #"clusters.kubermatic.k8s.io "w225mx4z66" is forbidden: User "bob@example.com" cannot get resource "clusters" in API group "kubermatic.k8s.io" at the cluster scope: "bob@example.com" doesn't belong to the given project = jb4kfzwsxl"#
        )
        let ciRunners = Self.clusters + "/" + IDs.ciRunners
        #expect(api.send(.get, ciRunners, token: "bob-token").status == .ok)
        try api.send(.patch, ciRunners, body: #"{"spec":{}}"#, headers: Self.merge, token: "bob-token").expectStatus(403, "Forbidden")
        #expect(api.send(.patch, ciRunners, body: #"{"spec":{}}"#, headers: Self.merge, token: "admin-token").status == .ok)
    }

    // MARK: Writes

    @Test func mergePatchChangesTheRESTDocumentUnderOneResourceVersion() throws {
        let before = try api.send(.get, Self.staging).json["metadata"]?["resourceVersion"]
        let response = api.send(
            .patch, Self.staging + "?fieldManager=kubectl-patch", body: #"{"spec":{"serviceAccount":{"tokenVolumeProjectionEnabled":true}}}"#,
            headers: Self.merge)
        #expect(response.status == .ok)
        let resource = try response.json
        #expect(resource["spec"]?["serviceAccount"]?["tokenVolumeProjectionEnabled"] == true)
        #expect(resource["metadata"]?["resourceVersion"] != before)
        let rest = api.send(.get, Self.stagingREST)
        #expect(try rest.json["spec"]?["serviceAccount"]?["tokenVolumeProjectionEnabled"] == true)
        #expect(rest.headers["ETag"] == "\"\(resource["metadata"]?["resourceVersion"]?.stringValue ?? "?")\"")
    }

    @Test func restPatchIsVisibleInTheResource() throws {
        let rest = api.send(.patch, Self.stagingREST, body: #"{"name":"renamed","labels":{"tier":"gold"}}"#)
        #expect(rest.status == .ok)
        let resource = try api.send(.get, Self.staging).json
        #expect(resource["spec"]?["humanReadableName"] == "renamed")
        #expect(resource["metadata"]?["labels"] == ["env": "staging", "project-id": "jb4kfzwsxl", "tier": "gold"])
        #expect(rest.headers["ETag"] == "\"\(resource["metadata"]?["resourceVersion"]?.stringValue ?? "?")\"")
    }

    @Test func patchThatChangesNothingKeepsTheResourceVersion() throws {
        let before = try api.send(.get, Self.staging).json
        let after = try api.send(.patch, Self.staging, body: #"{"spec":{"version":"1.19.3"}}"#, headers: Self.merge).json
        #expect(after == before)
    }

    @Test func jsonPatchAppliesAndAFailedTestIsInvalid() throws {
        let patched = api.send(
            .patch, Self.staging,
            body: #"[{"op":"test","path":"/spec/version","value":"1.19.3"},{"op":"replace","path":"/spec/version","value":"1.20.2"}]"#,
            headers: Self.jsonPatch)
        #expect(patched.status == .ok)
        #expect(try patched.json["spec"]?["serviceAccount"]?["tokenVolumeProjectionEnabled"] == true)
        try api.send(.patch, Self.staging, body: #"[{"op":"test","path":"/spec/version","value":"1.19.3"}]"#, headers: Self.jsonPatch)
            .expectStatus(422, "Invalid", message: #"test operation at "/spec/version" does not apply: the value is "1.20.2", not "1.19.3""#)
        try api.send(.patch, Self.staging, body: #"{"op":"add"}"#, headers: Self.jsonPatch).expectStatus(400, "BadRequest")
    }

    @Test func otherPatchFormatsAreUnsupportedMediaType() throws {
        for headers: HTTPHeaders in [["Content-Type": "application/strategic-merge-patch+json"], ["Content-Type": "application/json"], [:]] {
            try api.send(.patch, Self.staging, body: #"{"spec":{}}"#, headers: headers).expectStatus(
                415, "UnsupportedMediaType",
                message:
                    "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json"
            )
        }
    }

    @Test func putNeedsTheCurrentResourceVersion() throws {
        var resource = try #require(try api.send(.get, Self.staging).json.objectValue)
        resource.setValue("replaced", at: ["spec", "humanReadableName"])
        #expect(api.send(.patch, Self.stagingREST, body: #"{"labels":{"env":"changed-meanwhile"}}"#).status == .ok)
        let current = try api.send(.get, Self.staging).json["metadata"]?["resourceVersion"]
        try api.send(.put, Self.staging, body: JSONValue.object(resource).serializedString).expectStatus(
            409, "Conflict",
            message:
                #"Operation cannot be fulfilled on clusters.kubermatic.k8s.io "w225mx4z66": the object has been modified; please apply your changes to the latest version and try again"#
        )
        resource.setValue(nil, at: ["metadata", "resourceVersion"])
        try api.send(.put, Self.staging, body: JSONValue.object(resource).serializedString).expectStatus(422, "Invalid")
        resource.setValue(current, at: ["metadata", "resourceVersion"])
        let replaced = api.send(.put, Self.staging, body: JSONValue.object(resource).serializedString)
        #expect(replaced.status == .ok)
        let rest = try api.send(.get, Self.stagingREST).json
        #expect(rest["name"] == "replaced")
        #expect(rest["labels"] == ["env": "staging"])
    }

    @Test func policyRefusalIsInvalidWithTheField() throws {
        let response = api.send(.patch, Self.staging, body: #"{"spec":{"version":"1.22.0"}}"#, headers: Self.merge)
        try response.expectStatus(422, "Invalid")
        #expect(try response.json["details"]?["causes"]?.arrayValue?.first?["field"] == "spec.version")
        #expect(try response.json["details"]?["kind"] == "Cluster")
    }

    @Test func readOnlyChangesAreKeptWithAWarning() throws {
        let before = try api.send(.get, Self.staging).json
        let response = api.send(
            .patch, Self.staging, body: #"{"status":{"namespaceName":"x"},"spec":{"enableUserSSHKeyAgent":false}}"#, headers: Self.merge)
        #expect(response.status == .ok)
        #expect(try response.json == before)
        #expect(
            response.headers.values(for: "Warning") == [
                #"299 - "status is read-only: the change was ignored""#,
                #"299 - "spec.enableUserSSHKeyAgent is read-only: the change was ignored""#,
            ])
    }

    @Test func strictFieldValidationRefusesUnknownFields() throws {
        let lenient = api.send(.patch, Self.staging, body: #"{"spec":{"colour":"blue"}}"#, headers: Self.merge)
        #expect(lenient.status == .ok)
        #expect(lenient.headers.values(for: "Warning") == [#"299 - "unknown field \"spec.colour\" was dropped""#])
        try api.send(.patch, Self.staging + "?fieldValidation=Strict", body: #"{"spec":{"colour":"blue"}}"#, headers: Self.merge)
            .expectStatus(
                400, "BadRequest",
                message: #"Cluster in version "v1" cannot be handled as a Cluster: strict decoding error: unknown field "spec.colour""#)
    }

    @Test func dryRunAnswersWithoutWriting() throws {
        let before = try api.send(.get, Self.staging).json
        let dry = try api.send(.patch, Self.staging + "?dryRun=All", body: #"{"spec":{"humanReadableName":"dry"}}"#, headers: Self.merge).json
        #expect(dry["spec"]?["humanReadableName"] == "dry")
        #expect(try api.send(.get, Self.staging).json == before)
    }

    @Test func acceptWithoutJSONIsNotAcceptable() throws {
        try api.send(.get, Self.staging, headers: ["Accept": "application/vnd.kubernetes.protobuf"]).expectStatus(406, "NotAcceptable")
        try api.send(.get, "/apis", headers: ["Accept": "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"])
            .expectStatus(406, "NotAcceptable")
        #expect(
            api.send(.get, "/apis", headers: ["Accept": "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json"])
                .status == .ok)
    }
}

extension HTTPResponse {
    /// Expects a Kubernetes `Status` with `code`, `reason` and, when given, `message`.
    func expectStatus(_ code: Int, _ reason: String, message: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(status.rawValue == code, sourceLocation: sourceLocation)
        let body = try json
        #expect(body["kind"] == "Status", sourceLocation: sourceLocation)
        #expect(body["code"] == .number(JSONNumber(code)), sourceLocation: sourceLocation)
        #expect(body["reason"] == .string(reason), sourceLocation: sourceLocation)
        if let message { #expect(body["message"] == .string(message), sourceLocation: sourceLocation) }
        #expect(headers["Content-Type"] == "application/json", sourceLocation: sourceLocation)
    }
}

extension String {
    fileprivate var leftPadded: String { count == 1 ? "0" + self : self }
}

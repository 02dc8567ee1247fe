import KKPAPI
import KKPCore
import KKPStore
import KKPTesting
import MicroHTTP
import Testing

/// Create, list, get, patch and delete on v1 and v2 paths.
struct LifecycleTests {
    let api: APITestHarness
    typealias IDs = Fixtures.IDs
    static let v2Clusters = "/api/v2/projects/\(Fixtures.IDs.demoProject)/clusters"
    static let v1Clusters = "/api/v1/projects/\(Fixtures.IDs.demoProject)/dc/\(Fixtures.IDs.europeSeed)/clusters"

    init() throws {
        api = try APITestHarness()
    }

    static let body =
        #"{"cluster":{"name":"new-one","spec":{"cloud":{"dc":"hetzner-nbg1","hetzner":{}},"version":"v1.19"}},"nodeDeployment":{"name":"nd"}}"#

    @Test func createV2Is201WithDefaultsAndKKPsShape() throws {
        let response = api.send(.post, Self.v2Clusters, body: Self.body)
        #expect(response.status == .created)
        let cluster = try response.json
        let id = try #require(cluster["id"]?.stringValue)
        #expect(id == "bbbbbbbbbc")
        #expect(ClusterID.isWellFormed(id))
        #expect(cluster["name"] == "new-one")
        #expect(cluster["creationTimestamp"] == "2023-11-14T22:13:20Z")
        #expect(cluster["type"] == "kubernetes")
        #expect(cluster["spec"]?["version"] == "1.19.0")
        #expect(cluster["status"]?["version"] == "1.19.0")
        let url = try #require(cluster["status"]?["url"]?.stringValue)
        #expect(url.hasPrefix("https://bbbbbbbbbc.europe-west3-c.kkp.example.com:3"))
        #expect(
            cluster["spec"]?["serviceAccount"] == ["tokenVolumeProjectionEnabled": false, "issuer": .string(url), "apiAudiences": [.string(url)]])
        #expect(response.headers.values(for: "Warning").count == 1)
        #expect(response.headers["ETag"] != nil)
        let listed = try api.send(.get, Self.v2Clusters).json.arrayValue?.compactMap { $0["id"]?.stringValue }
        #expect(listed == [IDs.staging, IDs.prod, IDs.edge, id])
        #expect(try api.send(.get, Self.v2Clusters + "/" + id).json == cluster)
    }

    @Test func createV1PutsTheClusterOnThePathsSeed() throws {
        let response = api.send(.post, Self.v1Clusters, body: Self.body)
        #expect(response.status == .created)
        let id = try #require(try response.json["id"]?.stringValue)
        #expect(api.send(.get, Self.v1Clusters + "/" + id).status == .ok)
        #expect(try api.send(.get, Self.v1Clusters).json.arrayValue?.count == 3)
    }

    @Test func createV1WithADatacenterOfAnotherSeedIs404() throws {
        let body = #"{"cluster":{"name":"x","spec":{"cloud":{"dc":"do-nyc1"},"version":"1.19.3"}}}"#
        try api.send(.post, Self.v1Clusters, body: body).expectError(404, #"datacenter "do-nyc1" not found"#)
        try api.send(.post, "/api/v1/projects/\(IDs.demoProject)/dc/nowhere/clusters", body: body).expectError(404, #"seed "nowhere" not found"#)
    }

    @Test(arguments: [
        (#"{"cluster":{"spec":{"cloud":{"dc":"do-nyc1"},"version":"1.19.3"}}}"#, 400, "invalid cluster: no name specified"),
        (
            #"{"cluster":{"name":"x","spec":{"cloud":{"dc":"do-nyc1"}}}}"#, 400,
            #"invalid cluster: invalid cloud spec "Version" is required but was not specified"#
        ),
        (
            #"{"cluster":{"name":"x","spec":{"cloud":{"dc":"do-nyc1"},"version":"1.2.3"}}}"#, 400,
            "invalid cluster: invalid cloud spec: unsupported version 1.2.3"
        ),
        (
            #"{"cluster":{"name":"x","spec":{"cloud":{"dc":"do-nyc1"},"version":"x"}}}"#, 400,
            "cannot decode patched cluster: Invalid Semantic Version"
        ),
        (#"{"cluster":{"name":"x","spec":{"version":"1.19.3"}}}"#, 400, "invalid cluster: invalid cloud spec: no node datacenter specified"),
        (#"{"cluster":{"name":"x","spec":{"cloud":{"dc":"mars"},"version":"1.19.3"}}}"#, 404, #"datacenter "mars" not found"#),
        (
            #"{"cluster":{"name":"x","spec":{"cloud":{"dc":"do-nyc1","aws":{}},"version":"1.19.3"}}}"#, 400,
            #"invalid cluster: invalid cloud spec: datacenter "do-nyc1" is a "digitalocean" datacenter, but spec.cloud names "aws""#
        ),
        (#"{"cluster":{"id":"abc","name":"x","spec":{"cloud":{"dc":"do-nyc1"},"version":"1.19.3"}}}"#, 400, "cluster.ID is read-only"),
        (#"{"cluster":{"name":"staging-eu","spec":{"cloud":{"dc":"do-nyc1"},"version":"1.19.3"}}}"#, 409, #"cluster "staging-eu" already exists"#),
        (
            #"{"cluster":{"name":5}}"#, 400,
            "cannot decode create cluster request: json: cannot unmarshal number into Go struct field CreateClusterSpec.cluster.name of type string"
        ),
        (#"[]"#, 400, "cannot decode create cluster request: json: cannot unmarshal array into Go value of type v1.CreateClusterSpec"),
        (#"{"cluster":"#, 400, "cannot decode create cluster request"),
    ])
    func badCreateIsRefusedAndStoresNothing(_ body: String, _ code: Int, _ message: String) throws {
        try api.send(.post, Self.v2Clusters, body: body).expectError(code, message)
        #expect(try api.send(.get, Self.v2Clusters).json.arrayValue?.count == 3)
    }

    @Test func createOn120TurnsProjectionOn() throws {
        let body = #"{"cluster":{"name":"fresh","spec":{"cloud":{"dc":"do-nyc1"},"version":"1.20.2","serviceAccount":{"apiAudiences":["a"]}}}}"#
        let cluster = try api.send(.post, Self.v2Clusters, body: body).json
        #expect(cluster["spec"]?["serviceAccount"]?["tokenVolumeProjectionEnabled"] == true)
        #expect(cluster["spec"]?["serviceAccount"]?["apiAudiences"] == ["a"])
        #expect(cluster["spec"]?["cloud"] == ["dc": "do-nyc1", "digitalocean": [:]])
    }

    @Test func serverOwnedFieldsInACreateAreIgnoredWithWarnings() throws {
        let body =
            #"{"cluster":{"name":"y","creationTimestamp":"1999-01-01T00:00:00Z","status":{"url":"https://evil"},"spec":{"cloud":{"dc":"do-nyc1"},"version":"1.19.3"}}}"#
        let response = api.send(.post, Self.v2Clusters, body: body)
        #expect(response.status == .created)
        #expect(try response.json["creationTimestamp"] == "2023-11-14T22:13:20Z")
        #expect(try response.json["status"]?["url"]?.stringValue?.contains("evil") == false)
        #expect(response.headers.values(for: "Warning").count == 2)
    }

    @Test(arguments: [
        "/api/v2/projects/\(Fixtures.IDs.demoProject)/clusters/\(Fixtures.IDs.prod)",
        "/api/v1/projects/\(Fixtures.IDs.demoProject)/dc/\(Fixtures.IDs.europeSeed)/clusters/\(Fixtures.IDs.prod)",
    ])
    func deleteAnswersEmptyObjectAndRemoves(_ path: String) throws {
        let response = api.send(.delete, path)
        #expect(response.status == .ok)
        #expect(String(decoding: response.body, as: UTF8.self) == "{}\n")
        #expect(api.send(.get, path).status == .notFound)
        #expect(api.send(.delete, path).status == .notFound)
        #expect(try api.store.cluster(id: IDs.prod) == nil)
    }

    @Test func deleteInAnotherProjectIs404() throws {
        try api.send(.delete, "/api/v2/projects/\(IDs.platformProject)/clusters/\(IDs.staging)")
            .expectError(404, #"clusters.kubermatic.k8s.io "w225mx4z66" not found"#)
        #expect(try api.store.cluster(id: IDs.staging) != nil)
    }

    @Test func fullLifecycleOnV2() throws {
        let created = try api.send(.post, Self.v2Clusters, body: Self.body).json
        let path = Self.v2Clusters + "/" + (created["id"]?.stringValue ?? "")
        let patched = api.send(.patch, path, body: #"{"spec":{"version":"1.20.2"}}"#)
        #expect(try patched.json["spec"]?["serviceAccount"]?["tokenVolumeProjectionEnabled"] == true)
        #expect(api.send(.delete, path).status == .ok)
        #expect(try api.send(.get, Self.v2Clusters).json.arrayValue?.count == 3)
    }
}

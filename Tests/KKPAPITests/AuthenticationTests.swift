import KKPAPI
import KKPCore
import KKPStore
import KKPTesting
import MicroHTTP
import Testing

struct AuthenticationTests {
    let api: APITestHarness
    typealias IDs = Fixtures.IDs
    static let staging = "/api/v2/projects/\(Fixtures.IDs.demoProject)/clusters/\(Fixtures.IDs.staging)"
    static let ciRunners = "/api/v2/projects/\(Fixtures.IDs.platformProject)/clusters/\(Fixtures.IDs.ciRunners)"

    init() throws {
        api = try APITestHarness()
    }

    @Test func noTokenIs401WithKKPsDetails() throws {
        let response = api.send(.get, Self.staging, token: nil)
        try response.expectError(401, "not authorized")
        #expect(
            try response.json["error"]?["details"] == [
                "[haven't found an OIDC token, tried 3 extractors, haven't found a Bearer token in the Authorization header]"
            ])
    }

    @Test func unknownTokenIs401() throws {
        try api.send(.get, Self.staging, token: "forged").expectError(401, "access denied due to an invalid token")
    }

    @Test func tokenIsReadFromHeaderCookieAndQuery() throws {
        #expect(api.send(.get, Self.staging, headers: ["Authorization": "bearer demo-token"], token: nil).status == .ok)
        #expect(api.send(.get, Self.staging, headers: ["Cookie": "lang=en; token=demo-token"], token: nil).status == .ok)
        #expect(api.send(.get, Self.staging + "?token=demo-token", token: nil).status == .ok)
        #expect(api.send(.get, Self.staging, headers: ["Authorization": "Basic ZGVtbzpkZW1v"], token: nil).status == .unauthorized)
    }

    @Test(arguments: [
        ("Bearer demo-token", HTTPStatus.ok), ("bearer demo-token", .ok), ("BEARER demo-token", .ok), ("bEaReR demo-token", .ok),
        ("Bearer \t demo-token \t", .ok), ("Bearer  demo-token", .ok),
        ("Bearer", .unauthorized), ("Bearer ", .unauthorized), ("Bearer \t ", .unauthorized), ("Bearerdemo-token", .unauthorized),
        ("Bearer\tdemo-token", .unauthorized), ("Bearex demo-token", .unauthorized), ("Béarer demo-token", .unauthorized),
        ("demo-token", .unauthorized), ("Bearer demo-token2", .unauthorized), ("Bearer démo-token", .unauthorized),
    ])
    func bearerSchemeInAnyCaseThenTheTokenBetweenBlanks(_ header: String, _ status: HTTPStatus) throws {
        #expect(api.send(.get, Self.staging, headers: ["Authorization": header], token: nil).status == status, "\(header)")
    }

    @Test func nonMemberIs403WithKKPsMessage() throws {
        try api.send(.get, Self.staging, token: "nomad-token")
            .expectError(403, #"forbidden: "nomad@example.com" doesn't belong to the given project = jb4kfzwsxl"#)
        try api.send(.get, "/api/v1/projects/\(IDs.demoProject)", token: "bob-token")
            .expectError(403, #"forbidden: "bob@example.com" doesn't belong to the given project = jb4kfzwsxl"#)
        try api.send(.get, "/api/v2/projects/\(IDs.demoProject)/clusters", token: "bob-token")
            .expectError(403, #"forbidden: "bob@example.com" doesn't belong to the given project = jb4kfzwsxl"#)
    }

    @Test func v2SaysNotFoundBeforeForbidden() throws {
        try api.send(.get, "/api/v2/projects/\(IDs.demoProject)/clusters/nope", token: "nomad-token")
            .expectError(404, #"cluster-provider "nope" not found"#)
        try api.send(.get, "/api/v1/projects/nope", token: "nomad-token").expectError(404, #"projects.kubermatic.k8s.io "nope" not found"#)
    }

    @Test func viewersReadButDoNotWrite() throws {
        #expect(api.send(.get, Self.ciRunners, token: "bob-token").status == .ok)
        let before = try #require(try api.store.cluster(id: IDs.ciRunners))
        try api.send(.patch, Self.ciRunners, body: #"{"name":"x"}"#, token: "bob-token")
            .expectError(403, #"forbidden: "bob@example.com" is a viewer of the project t7nqxv2d5c and may not change it"#)
        #expect(api.send(.delete, Self.ciRunners, token: "bob-token").status == .forbidden)
        #expect(try api.store.cluster(id: IDs.ciRunners) == before)
        #expect(api.send(.patch, Self.ciRunners, body: #"{"labels":{"by":"jane"}}"#).status == .ok)
    }

    @Test func adminsUseEveryProject() throws {
        #expect(api.send(.get, Self.staging, token: "admin-token").status == .ok)
        #expect(api.send(.patch, Self.ciRunners, body: #"{"labels":{"by":"admin"}}"#, token: "admin-token").status == .ok)
    }

    @Test func projectListsFollowMembershipAndDisplayAll() throws {
        func ids(_ response: HTTPResponse) throws -> [String] {
            try response.json.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
        }
        #expect(try ids(api.send(.get, "/api/v1/projects")) == [IDs.demoProject, IDs.platformProject])
        #expect(try ids(api.send(.get, "/api/v1/projects", token: "bob-token")) == [IDs.platformProject])
        #expect(try ids(api.send(.get, "/api/v1/projects", token: "nomad-token")) == [])
        #expect(try ids(api.send(.get, "/api/v1/projects", token: "admin-token")) == [])
        #expect(try ids(api.send(.get, "/api/v1/projects?displayAll=true", token: "admin-token")) == [IDs.demoProject, IDs.platformProject])
        #expect(try ids(api.send(.get, "/api/v1/projects?displayAll=true", token: "bob-token")) == [IDs.platformProject])
    }

    @Test func openRoutesNeedNoToken() {
        #expect(api.send(.get, "/api/swagger.json", token: nil).status == .ok)
    }

    @Test func noAuthServesEveryone() throws {
        let open = try APITestHarness(configuration: APIConfiguration(noAuth: true))
        #expect(open.send(.get, Self.staging, token: nil).status == .ok)
        #expect(open.send(.patch, Self.ciRunners, body: #"{"labels":{"a":"b"}}"#, token: nil).status == .ok)
        #expect(try open.send(.get, "/api/v1/projects", token: nil).json.arrayValue?.count == 2)
    }

    @Test func wrongMethodIs405EvenWithoutAToken() {
        #expect(api.send(.put, Self.staging, token: nil).status == .methodNotAllowed)
    }
}

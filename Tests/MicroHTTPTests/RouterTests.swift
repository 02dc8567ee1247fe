import MicroHTTP
import Testing

/// One row of the routing table tests: a request and what the router should answer.
struct RoutingCase: Sendable, CustomTestStringConvertible {
    enum Expected: Sendable {
        case found(String, [String: String])
        case methodNotAllowed([String])
        case notFound
    }

    let method: String
    let path: String
    let expected: Expected

    init(_ method: String, _ path: String, _ expected: Expected) {
        self.method = method
        self.path = path
        self.expected = expected
    }

    var testDescription: String { "\(method) \(path)" }
}

@Suite struct RouterTests {
    static let router: Router<String> = {
        var router = Router<String>()
        router.add(.get, "/", "root")
        router.add(.get, "/api/v1/projects", "listProjects")
        router.add(.get, "/api/v1/projects/{project_id}", "getProject")
        router.add(.get, "/api/v1/projects/special", "special")
        router.add(.get, "/api/v2/projects/{project_id}/clusters", "listClustersV2")
        router.add(.post, "/api/v2/projects/{project_id}/clusters", "createClusterV2")
        router.add(.get, "/api/v2/projects/{project_id}/clusters/{cluster_id}", "getClusterV2")
        router.add(.patch, "/api/v2/projects/{project_id}/clusters/{cluster_id}", "patchClusterV2")
        router.add(.delete, "/api/v2/projects/{project_id}/clusters/{cluster_id}", "deleteClusterV2")
        router.add(.head, "/explicit", "explicitHead")
        router.add(.get, "/explicit", "explicitGet")
        router.add(.options, "/opts", "explicitOptions")
        router.add(.get, "/opts", "optsGet")
        router.add(.get, "/b/x/lit", "bLiteral")
        router.add(.get, "/b/{p}/other", "bParam")
        router.add(.get, "/u/{id}", "uParam")
        router.add(.post, "/u/fixed", "uFixed")
        router.add(HTTPMethod("QUERY"), "/search", "query")
        return router
    }()

    static let cases: [RoutingCase] = [
        RoutingCase("GET", "/", .found("root", [:])),
        RoutingCase("GET", "/api/v1/projects", .found("listProjects", [:])),
        RoutingCase("GET", "/api/v1/projects/abc", .found("getProject", ["project_id": "abc"])),
        RoutingCase("GET", "/api/v1/projects/special", .found("special", [:])),
        RoutingCase("GET", "/api/v1/projects/spe%63ial", .found("special", [:])),
        RoutingCase("GET", "/api/v1/projects/a%2Fb", .found("getProject", ["project_id": "a/b"])),
        RoutingCase("GET", "/api/v1/projects/a%2fb", .found("getProject", ["project_id": "a/b"])),
        RoutingCase("GET", "/api/v1/projects/a%20b", .found("getProject", ["project_id": "a b"])),
        RoutingCase("GET", "/api/v1/projects/a+b", .found("getProject", ["project_id": "a+b"])),
        RoutingCase("GET", "/api/v1/projects/%C3%A9t%C3%A9", .found("getProject", ["project_id": "été"])),
        RoutingCase("GET", "/api/v1/projects/été", .found("getProject", ["project_id": "été"])),
        RoutingCase("GET", "/api/v1/projects/e\u{301}t%C3%A9", .found("getProject", ["project_id": "e\u{301}té"])),
        RoutingCase("GET", "/api/v1/projects/%25", .found("getProject", ["project_id": "%"])),
        RoutingCase("GET", "/api/v1/projects/%zz", .notFound),
        RoutingCase("GET", "/api/v1/projects/abc%4", .notFound),
        RoutingCase("GET", "/api/v1/projects/abc%", .notFound),
        RoutingCase("GET", "/api/v1/projects/%FF", .notFound),
        RoutingCase("GET", "/api/v1/projects/%C3", .notFound),
        RoutingCase("GET", "/api/v1/projects/", .notFound),
        RoutingCase("GET", "/api/v1//projects", .notFound),
        RoutingCase("GET", "//api/v1/projects", .notFound),
        RoutingCase("GET", "api/v1/projects", .notFound),
        RoutingCase("GET", "", .notFound),
        RoutingCase("OPTIONS", "*", .notFound),
        RoutingCase("GET", "/api/v1/projects/abc/extra", .notFound),
        RoutingCase("GET", "/api/v1/project", .notFound),
        RoutingCase("GET", "/API/v1/projects", .notFound),
        RoutingCase("HEAD", "/api/v1/projects/abc", .found("getProject", ["project_id": "abc"])),
        RoutingCase("POST", "/api/v1/projects/abc", .methodNotAllowed(["GET", "HEAD", "OPTIONS"])),
        RoutingCase("get", "/api/v1/projects", .methodNotAllowed(["GET", "HEAD", "OPTIONS"])),
        RoutingCase("QUERY", "/api/v1/projects", .methodNotAllowed(["GET", "HEAD", "OPTIONS"])),
        RoutingCase(
            "OPTIONS", "/api/v2/projects/p/clusters/c",
            .methodNotAllowed(["GET", "HEAD", "PATCH", "DELETE", "OPTIONS"])
        ),
        RoutingCase("PUT", "/api/v2/projects/p/clusters", .methodNotAllowed(["GET", "HEAD", "POST", "OPTIONS"])),
        RoutingCase("POST", "/api/v2/projects/p%2Fq/clusters", .found("createClusterV2", ["project_id": "p/q"])),
        RoutingCase(
            "PATCH", "/api/v2/projects/my-project/clusters/abc123",
            .found("patchClusterV2", ["project_id": "my-project", "cluster_id": "abc123"])
        ),
        RoutingCase("HEAD", "/explicit", .found("explicitHead", [:])),
        RoutingCase("POST", "/explicit", .methodNotAllowed(["HEAD", "GET", "OPTIONS"])),
        RoutingCase("OPTIONS", "/opts", .found("explicitOptions", [:])),
        RoutingCase("DELETE", "/opts", .methodNotAllowed(["OPTIONS", "GET", "HEAD"])),
        RoutingCase("GET", "/b/x/lit", .found("bLiteral", [:])),
        RoutingCase("GET", "/b/x/other", .found("bParam", ["p": "x"])),
        RoutingCase("GET", "/b/y/lit", .notFound),
        RoutingCase("GET", "/u/fixed", .found("uParam", ["id": "fixed"])),
        RoutingCase("POST", "/u/fixed", .found("uFixed", [:])),
        RoutingCase("DELETE", "/u/fixed", .methodNotAllowed(["POST", "GET", "HEAD", "OPTIONS"])),
        RoutingCase("DELETE", "/u/other", .methodNotAllowed(["GET", "HEAD", "OPTIONS"])),
        RoutingCase("QUERY", "/search", .found("query", [:])),
        RoutingCase("GET", "/search", .methodNotAllowed(["QUERY", "OPTIONS"])),
    ]

    @Test(arguments: cases)
    func routerAnswersAsTheTableSays(_ row: RoutingCase) {
        let match = Self.router.match(HTTPMethod(row.method), path: row.path)
        switch (match, row.expected) {
        case (.found(let handler, let parameters), .found(let expectedHandler, let expectedParameters)):
            #expect(handler == expectedHandler)
            #expect(parameters.count == expectedParameters.count)
            for (name, value) in expectedParameters {
                #expect(parameters[name] == value, "parameter \(name)")
            }
        case (.methodNotAllowed(let allowed), .methodNotAllowed(let expected)):
            #expect(allowed.map(\.rawValue) == expected)
        case (.notFound, .notFound):
            break
        default:
            Issue.record("got \(match), expected \(row.expected)")
        }
    }

    @Test func parametersKeepTheOrderOfThePattern() {
        guard case .found(_, let parameters) = Self.router.match(.get, path: "/api/v2/projects/p1/clusters/c1") else {
            Issue.record("no match")
            return
        }
        #expect(parameters.map(\.name) == ["project_id", "cluster_id"])
        #expect(parameters["missing"] == nil)
    }

    @Test func sameShapeWithDifferentParameterNamesKeepsEachRoutesNames() {
        var router = Router<Int>()
        router.add(.get, "/p/{id}", 1)
        router.add(.delete, "/p/{name}", 2)
        guard case .found(1, let get) = router.match(.get, path: "/p/x"),
            case .found(2, let delete) = router.match(.delete, path: "/p/x")
        else {
            Issue.record("no match")
            return
        }
        #expect(get["id"] == "x" && get["name"] == nil)
        #expect(delete["name"] == "x" && delete["id"] == nil)
    }

    @Test func emptyRouterFindsNothing() {
        let router = Router<Int>()
        guard case .notFound = router.match(.get, path: "/") else {
            Issue.record("expected notFound")
            return
        }
    }

    @Test func registeringTheSameRouteTwiceTraps() async {
        await #expect(processExitsWith: .failure) {
            var router = Router<Int>()
            router.add(.get, "/a/{x}", 1)
            router.add(.get, "/a/{y}", 2)
        }
    }
}

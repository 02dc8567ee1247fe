import KKPCore
import Testing

@testable import KKPAPI

/// Path patterns of fault rules and journal filters.
struct PathPatternTests {
    static let v2Cluster = "/api/v2/projects/jb4kfzwsxl/clusters/w225mx4z66"

    @Test(arguments: [
        ("/api/v2/projects/*/clusters/*", v2Cluster, true),
        ("/api/v2/projects/{project_id}/clusters/{cluster_id}", v2Cluster, true),
        ("/api/v2/projects/{project_id}/clusters", v2Cluster, false),
        ("/api/**", v2Cluster, true),
        ("/api/**", "/api", true),
        ("/api/**", "/apis/kubermatic.k8s.io/v1", false),
        ("/**", "/", true),
        ("/**", v2Cluster, true),
        ("/**/clusters/*", v2Cluster, true),
        ("/**/clusters/*", "/api/v2/projects/x/clusters", false),
        ("/api/*/projects/**", v2Cluster, true),
        ("/api/*/projects/**", "/api/v1/projects", true),
        ("/*", "/", false),
        ("/*", "/healthz", true),
        ("/api/v2/projects/*/clusters/w225*", v2Cluster, true),
        ("/api/v2/projects/*/clusters/*66", v2Cluster, true),
        ("/api/v2/projects/*/clusters/w*mx*66", v2Cluster, true),
        ("/api/v2/projects/*/clusters/w*zz*66", v2Cluster, false),
        ("/api/v2/projects/*/clusters/w225mx4z66*", v2Cluster, true),
        ("/api/v2/projects/*/clusters/*w225mx4z66x", v2Cluster, false),
        ("/api/v1/projects", "/api/v1/projects", true),
        ("/api/v1/projects", "/api/v1/projects/", false),
        ("/api/v1/projects/", "/api/v1/projects/", true),
        ("/api/v1/projects", "/API/v1/projects", false),
        ("/api/v1/projects/a%2Fb", "/api/v1/projects/a%2Fb", true),
    ])
    func matchesWholeSegmentsAndGlobs(_ pattern: String, _ path: String, _ expected: Bool) throws {
        #expect(try PathPattern(pattern).matches(path) == expected)
    }

    @Test(arguments: [
        ("api/**", "it must start with /"),
        ("", "it must start with /"),
        ("/api?x=1", "patterns match the path only, without a query or a fragment"),
        ("/api#top", "patterns match the path only, without a query or a fragment"),
        ("/api/{project_id", "a {parameter} must be a whole segment"),
        ("/api/x{id}", "a {parameter} must be a whole segment"),
        ("/api/{}", "a {parameter} must be a whole segment"),
        ("/api/a**", "** must be a whole segment"),
    ])
    func malformedPatternsAreBadRequests(_ pattern: String, _ reason: String) {
        #expect(throws: APIError.badRequest("invalid path pattern \(quoted(pattern)): \(reason)")) { try PathPattern(pattern) }
    }
}

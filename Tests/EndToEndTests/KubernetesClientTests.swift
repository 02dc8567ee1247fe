import Foundation
import KKPCore
import KKPTesting
import Testing

/// The Python kubernetes client (DynamicClient) against the real binary's Kubernetes view, with a token.
struct KubernetesClientTests {
    @Test func dynamicClientListsGetsAndPatchesWithAToken() throws {
        let mock = try MockProcess()
        defer { mock.stop() }
        let result = try runCommand(
            "/usr/bin/env",
            [
                "python3", Fixtures.repositoryRoot + "/Tests/EndToEndTests/Clients/kubernetes_dynamic_client.py", mock.baseURL,
                Fixtures.IDs.prod, "demo-token",
            ])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("ok: discovery, list, get, merge patch, json patch and not found"), "\(result.stdout)")
        let rest = try mock.request("GET", "/api/v2/projects/\(Fixtures.IDs.demoProject)/clusters/\(Fixtures.IDs.prod)")
        let document = try rest.json
        #expect(document["name"] == "renamed-by-python")
        #expect(document["spec"]?["serviceAccount"]?["tokenVolumeProjectionEnabled"] == true)
        let lines = result.stdout.split(separator: "\n").compactMap { try? JSONValue(parsing: String($0)) }
        #expect(lines.first { $0["step"] == "json-patch" }?["resourceVersion"] == .string(rest.header("ETag")?.trimmingCharacters(in: ["\""]) ?? ""))
    }

    @Test func aTokenShowsOnlyTheProjectsOfItsUser() throws {
        let mock = try MockProcess()
        defer { mock.stop() }
        let list = try mock.request("GET", "/apis/kubermatic.k8s.io/v1/clusters", token: "bob-token")
        let names = try list.json["items"]?.arrayValue?.compactMap { $0["metadata"]?["name"]?.stringValue }
        #expect(names == [Fixtures.IDs.ciRunners, "s5dfnl6b2g"])
        let forbidden = try mock.request("GET", "/apis/kubermatic.k8s.io/v1/clusters/\(Fixtures.IDs.staging)", token: "bob-token")
        #expect(forbidden.status == 403)
        #expect(try forbidden.json["reason"] == "Forbidden")
        #expect(try mock.request("GET", "/apis", token: nil).json["reason"] == "Unauthorized")
    }

    @Test func dryRunOnTheSQLiteStoreWritesNothing() throws {
        let mock = try MockProcess()
        defer { mock.stop() }
        let path = "/apis/kubermatic.k8s.io/v1/clusters/\(Fixtures.IDs.staging)"
        let before = try mock.request("GET", path).json
        let dry = try mock.request(
            "PATCH", path + "?dryRun=All", body: #"{"spec":{"humanReadableName":"dry"}}"#,
            headers: [("Content-Type", "application/merge-patch+json")])
        #expect(dry.status == 200)
        #expect(try dry.json["spec"]?["humanReadableName"] == "dry")
        #expect(try mock.request("GET", path).json == before)
    }
}

import Foundation
import KKPCore
import KKPTesting
import Testing

/// The real kubectl (every one found: 1.32 on PATH, Debian's 1.20) against the real binary's Kubernetes view,
/// with no kubeconfig and a fresh discovery cache per test.
struct KubectlTests {
    typealias IDs = Fixtures.IDs
    static let stagingREST = "/api/v2/projects/\(Fixtures.IDs.demoProject)/clusters/\(Fixtures.IDs.staging)"

    /// A mock under `--no-auth` (kubectl sends no token over plain http) and a kubectl to drive it.
    final class Session {
        let mock: MockProcess
        let kubectl: Kubectl
        let cache: String

        init(_ kubectl: Kubectl, arguments: [String] = ["--no-auth"]) throws {
            mock = try MockProcess(arguments: arguments)
            self.kubectl = kubectl
            cache = mock.directory + "/kube-cache"
        }

        deinit { mock.stop() }

        func run(_ arguments: String..., environment: [String: String] = [:]) throws -> Kubectl.Outcome {
            try kubectl.run(arguments, server: mock.baseURL, cacheDirectory: cache, environment: environment)
        }

        /// The REST view of staging-eu and its ETag.
        func rest() throws -> (document: JSONValue, etag: String) {
            let response = try mock.request("GET", KubectlTests.stagingREST, token: nil)
            return (try response.json, response.header("ETag") ?? "")
        }
    }

    @Test func aKubectlIsThere() {
        #expect(!Kubectl.available.isEmpty, "no kubectl on PATH and none in .tools/ (scripts/setup-kubectl-1.20.sh unpacks one)")
    }

    @Test(arguments: Kubectl.available)
    func getPrintsTheTable(_ kubectl: Kubectl) throws {
        let session = try Session(kubectl)
        let all = try session.run("get", "clusters.kubermatic.k8s.io")
        #expect(all.status == 0, "\(all.stderr)")
        let lines = all.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(lines.first == ["NAME", "HUMANREADABLENAME", "VERSION", "PROJECTION", "AGE"])
        #expect(
            lines.dropFirst().map { $0.prefix(4) }
                == [
                    [IDs.ciRunners, "ci-runners", "1.19.2", "on"], [IDs.edge, "edge-120", "1.20.2", "on"],
                    ["s5dfnl6b2g", "legacy-billing", "1.17.16", "off"], [IDs.staging, "staging-eu", "1.19.3", "off"],
                    [IDs.prod, "prod-eu", "1.18.14", "off"],
                ].map { $0[...] })
        let one = try session.run("get", "cl", IDs.staging)
        #expect(one.stdout.split(separator: "\n").count == 2, "\(one.stdout)\(one.stderr)")
        let missing = try session.run("get", "cluster", "nope")
        #expect(missing.status != 0)
        #expect(missing.stderr.contains(#"Error from server (NotFound): clusters.kubermatic.k8s.io "nope" not found"#), "\(missing.stderr)")
    }

    @Test(arguments: Kubectl.available)
    func getAsJSONAndYAMLShowsTheResource(_ kubectl: Kubectl) throws {
        let session = try Session(kubectl)
        let json = try session.run("get", "cluster", IDs.staging, "-o", "json")
        #expect(json.status == 0, "\(json.stderr)")
        let resource = try JSONValue(parsing: json.stdout)
        #expect(resource["kind"] == "Cluster")
        #expect(resource["metadata"]?["labels"]?["project-id"] == .string(IDs.demoProject))
        #expect(resource["spec"]?["humanReadableName"] == "staging-eu")
        #expect("\"\(resource["metadata"]?["resourceVersion"]?.stringValue ?? "?")\"" == (try session.rest().etag))
        let yaml = try session.run("get", "cluster", IDs.staging, "-o", "yaml")
        #expect(yaml.stdout.contains("kind: Cluster\n"), "\(yaml.stdout)")
        #expect(yaml.stdout.contains("    tokenVolumeProjectionEnabled: false\n"), "\(yaml.stdout)")
    }

    @Test(arguments: Kubectl.available)
    func patchWithMergeAndJSONPatchIsTheRESTChange(_ kubectl: Kubectl) throws {
        let session = try Session(kubectl)
        let patch = #"{"spec":{"serviceAccount":{"tokenVolumeProjectionEnabled":true}}}"#
        let merged = try session.run("patch", "cluster", IDs.staging, "--type", "merge", "-p", patch)
        #expect(merged.stdout == "cluster.kubermatic.k8s.io/\(IDs.staging) patched\n", "\(merged.stderr)")
        #expect(try session.rest().document["spec"]?["serviceAccount"]?["tokenVolumeProjectionEnabled"] == true)
        let again = try session.run("patch", "cluster", IDs.staging, "--type", "merge", "-p", patch)
        #expect(again.stdout == "cluster.kubermatic.k8s.io/\(IDs.staging) patched (no change)\n", "\(again.stderr)")
        let json = try session.run(
            "patch", "cl", IDs.staging, "--type", "json", "-p", #"[{"op":"replace","path":"/spec/humanReadableName","value":"staging-json"}]"#)
        #expect(json.stdout == "cluster.kubermatic.k8s.io/\(IDs.staging) patched\n", "\(json.stderr)")
        #expect(try session.rest().document["name"] == "staging-json")
        let strategic = try session.run("patch", "cl", IDs.staging, "-p", #"{"spec":{}}"#)
        #expect(strategic.status != 0)
        #expect(strategic.stderr.contains("the body of the request was in an unknown format"), "\(strategic.stderr)")
        let invalid = try session.run("patch", "cl", IDs.staging, "--type", "merge", "-p", #"{"spec":{"version":"1.22.0"}}"#)
        #expect(invalid.status != 0)
        #expect(invalid.stderr.contains(#"The Cluster "w225mx4z66" is invalid: spec.version: Unsupported value: "1.22.0""#), "\(invalid.stderr)")
    }

    @Test(arguments: Kubectl.available)
    func editWithANonInteractiveEditorPatchesTheCluster(_ kubectl: Kubectl) throws {
        let session = try Session(kubectl)
        let editor = #"sed -i -e "s/tokenVolumeProjectionEnabled: false/tokenVolumeProjectionEnabled: true/""#
        let edited = try session.run("edit", "cluster", IDs.staging, environment: ["KUBE_EDITOR": editor])
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect(edited.stdout == "cluster.kubermatic.k8s.io/\(IDs.staging) edited\n", "\(edited.stdout)\(edited.stderr)")
        let rest = try session.rest().document
        #expect(rest["spec"]?["serviceAccount"]?["tokenVolumeProjectionEnabled"] == true)
        #expect(rest["spec"]?["serviceAccount"]?["issuer"] == .string("https://w225mx4z66.europe-west3-c.kkp.example.com:31885"))
        let cancelled = try session.run("edit", "cluster", IDs.staging, environment: ["KUBE_EDITOR": "true"])
        #expect(cancelled.status == 0)
        #expect(cancelled.stdout + cancelled.stderr == "Edit cancelled, no changes made.\n")
    }

    @Test(arguments: Kubectl.available)
    func replaceWithAStaleResourceVersionIsAConflict(_ kubectl: Kubectl) throws {
        let session = try Session(kubectl)
        let file = session.mock.directory + "/staging.json"
        let read = try session.run("get", "cluster", IDs.staging, "-o", "json")
        try Data(read.stdout.utf8).write(to: URL(fileURLWithPath: file))
        #expect(try session.mock.request("PATCH", Self.stagingREST, body: #"{"labels":{"env":"changed"}}"#, token: nil).status == 200)
        let stale = try session.run("replace", "-f", file)
        #expect(stale.status != 0)
        #expect(
            stale.stderr.contains(
                #"Operation cannot be fulfilled on clusters.kubermatic.k8s.io "w225mx4z66": the object has been modified; please apply your changes to the latest version and try again"#
            ), "\(stale.stderr)")
        let fresh = try session.run("get", "cluster", IDs.staging, "-o", "json")
        try Data(fresh.stdout.replacingOccurrences(of: #""staging-eu""#, with: #""replaced""#).utf8).write(to: URL(fileURLWithPath: file))
        let replaced = try session.run("replace", "-f", file)
        #expect(replaced.stdout == "cluster.kubermatic.k8s.io/\(IDs.staging) replaced\n", "\(replaced.stderr)")
        let rest = try session.rest().document
        #expect(rest["name"] == "replaced")
        #expect(rest["labels"] == ["env": "changed"])
    }

    @Test(arguments: Kubectl.available)
    func restChangeIsVisibleToKubectlWithItsResourceVersion(_ kubectl: Kubectl) throws {
        let session = try Session(kubectl)
        let rest = try session.mock.request("PATCH", Self.stagingREST, body: #"{"name":"renamed-by-rest"}"#, token: nil)
        #expect(rest.status == 200)
        let shown = try session.run("get", "cl", IDs.staging, "-o", "jsonpath={.spec.humanReadableName} \"{.metadata.resourceVersion}\"")
        #expect(shown.stdout == "renamed-by-rest \(rest.header("ETag") ?? "")", "\(shown.stderr)")
    }

    @Test(arguments: Kubectl.available)
    func withoutNoAuthKubectlIsUnauthorized(_ kubectl: Kubectl) throws {
        let session = try Session(kubectl, arguments: [])
        let denied = try session.run("get", "clusters")
        #expect(denied.status != 0)
        // kubectl 1.20: "error: You must be logged in to the server (Unauthorized)"; 1.32: "… the server has asked for
        // the client to provide credentials".
        #expect(denied.stderr.contains("Unauthorized") || denied.stderr.contains("provide credentials"), "\(denied.stderr)")
    }
}

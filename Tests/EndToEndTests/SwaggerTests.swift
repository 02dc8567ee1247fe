import Foundation
import KKPCore
import KKPTesting
import Testing

/// The Swagger document and the Swagger UI against the real binary: schemathesis checks every answer against the
/// document, and headless Chromium uses the UI as a person would.
@Suite(.serialized)
struct SwaggerTests {
    static let scripts = Fixtures.repositoryRoot + "/scripts/swagger/"

    @Test func everyAnswerConformsToTheDocument() throws {
        let mock = try MockProcess()
        defer { mock.stop() }
        // Every operation and every check, a few examples each and a fixed seed: a bounded, repeatable run.
        // scripts/swagger/conformance.sh with more examples and a random seed explores further.
        let result = try runCommand(
            "/bin/bash", [Self.scripts + "conformance.sh", mock.baseURL, "--max-examples", "5", "--seed", "1"]
        )
        #expect(result.status == 0, "schemathesis (scripts/setup.sh installs it) found problems:\n\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("15 selected / 24 total"), "schemathesis did not test every operation:\n\(result.stdout)")
    }

    @Test func tryItOutInTheSwaggerUIChangesTheStoredCluster() throws {
        try #require(
            FileManager.default.fileExists(atPath: MockProcess.swaggerUIDirectory + "/swagger-ui-bundle.js"),
            "the Swagger UI's files are not in .build/swagger-ui: run scripts/setup.sh"
        )
        let mock = try MockProcess()
        defer { mock.stop() }
        let path = "/api/v2/projects/\(Fixtures.IDs.demoProject)/clusters/\(Fixtures.IDs.staging)"
        #expect(try mock.getJSON(path)["spec"]?["serviceAccount"]?["tokenVolumeProjectionEnabled"] == false)

        let result = try runCommand("/usr/bin/env", ["python3", Self.scripts + "ui_check.py", mock.baseURL])
        #expect(result.status == 0, "ui_check.py: \(result.stdout) \(result.stderr)")

        let cluster = try mock.getJSON(path)
        #expect(cluster["spec"]?["serviceAccount"]?["tokenVolumeProjectionEnabled"] == true)
        #expect(mock.isRunning)
    }

    @Test func anUnreadableSwaggerUIDirectoryExitsOne() throws {
        let result = try runCommand(
            MockProcess.binaryPath, ["--port", "0", "--db", ":memory:", "--fixtures", Fixtures.directory, "--swagger-ui", "/nonexistent"]
        )
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot serve the Swagger UI from --swagger-ui /nonexistent"))
        #expect(result.stdout.isEmpty)
    }

    @Test func helpDocumentsTheSwaggerUIFlag() throws {
        let result = try runCommand(MockProcess.binaryPath, ["--help"])
        #expect(result.stdout.contains("--swagger-ui DIR"))
    }
}

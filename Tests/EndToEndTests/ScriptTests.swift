import Foundation
import KKPTesting
import Testing

/// The scripts a person or a CI job runs: the README's CI example with `scripts/kkp-mock-ci.sh`, and
/// `scripts/demo.sh`. Each run gets its own temporary directory and a marker in its environment, so the test can
/// check that the mock it started is gone afterwards and that its temporary files were removed.
struct ScriptTests {
    /// The result of a script run.
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Processes still alive that carry the run's marker (a mock left running).
        var leftovers: [Int32]
        /// Files left in the run's temporary directory.
        var leftoverFiles: [String]
    }

    /// Runs `bash -c script` in the repository's root, with `KKP_MOCK_BIN` set to the binary under test.
    func runBash(_ script: String) throws -> Run {
        let marker = UUID().uuidString
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("kkp-script-\(marker)").path
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = URL(fileURLWithPath: Fixtures.repositoryRoot)
        var environment = ProcessInfo.processInfo.environment
        environment["KKP_MOCK_BIN"] = MockProcess.binaryPath
        environment["TMPDIR"] = temporary
        environment["KKP_SCRIPT_TEST_MARKER"] = marker
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self),
            leftovers: processes(marked: marker), leftoverFiles: (try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? []
        )
    }

    /// The processes whose environment holds `KKP_SCRIPT_TEST_MARKER=marker`.
    func processes(marked marker: String) -> [Int32] {
        let needle = Array("KKP_SCRIPT_TEST_MARKER=\(marker)".utf8)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let environment = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return false }
            return environment.split(separator: 0).contains { Array($0) == needle }
        }
    }

    /// The first fenced block after the README's `ci-example` marker.
    func readmeCIExample() throws -> String {
        let readme = try String(contentsOfFile: Fixtures.repositoryRoot + "/README.md", encoding: .utf8)
        let marker = try #require(readme.range(of: "<!-- ci-example"))
        let rest = readme[marker.upperBound...]
        let open = try #require(rest.range(of: "```bash\n"))
        let close = try #require(rest[open.upperBound...].range(of: "\n```"))
        return String(rest[open.upperBound..<close.lowerBound])
    }

    @Test func readmeCIExampleRunsAsWrittenAndStopsTheMock() throws {
        let run = try runBash(try readmeCIExample())
        #expect(run.status == 0, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
        #expect(run.stdout.contains("all passed"))
        #expect(run.leftovers.isEmpty, "kkp-mock still runs: \(run.leftovers)")
        #expect(run.leftoverFiles.isEmpty, "left in TMPDIR: \(run.leftoverFiles)")
    }

    @Test func ciHelperShowsTheMockLogWhenTheScriptFailsAndStillStopsIt() throws {
        let script = """
            set -euo pipefail
            trap 'echo "earlier trap ran"' EXIT
            source scripts/kkp-mock-ci.sh
            [[ $KKP_MOCK_URL == http://127.0.0.1:* ]]
            curl -fsS "$KKP_MOCK_URL/api/v1/projects"   # no token: 401, curl fails, so does the script
            echo "not reached"
            """
        let run = try runBash(script)
        #expect(run.status == 22)
        #expect(!run.stdout.contains("not reached"))
        #expect(run.stdout.contains("earlier trap ran"))
        #expect(run.stderr.contains("the mock's last log lines"))
        #expect(run.stderr.contains("GET /api/v1/projects 401"))
        #expect(run.leftovers.isEmpty && run.leftoverFiles.isEmpty)
    }

    @Test func ciHelperReportsAMockThatCannotStart() throws {
        let run = try runBash("source scripts/kkp-mock-ci.sh --port-typo || exit 3")
        #expect(run.status == 3)
        #expect(run.stderr.contains("kkp-mock-ci: kkp-mock did not start"))
        #expect(run.stderr.contains("unknown option '--port-typo'"))
        #expect(run.leftovers.isEmpty && run.leftoverFiles.isEmpty)
    }

    @Test func demoShowsProjectionTurningOnWithTheUpgrade() throws {
        let run = try runBash("scripts/demo.sh")
        #expect(run.status == 0, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
        let steps = run.stdout.components(separatedBy: "\n== ")
        try #require(steps.count == 8, "\(run.stdout)")
        #expect(steps[1].contains("spec.version: 1.19.3") && steps[1].contains(#""tokenVolumeProjectionEnabled": false"#))
        #expect(steps[2].contains(#""tokenVolumeProjectionEnabled": true"#))
        #expect(steps[4].contains(#""tokenVolumeProjectionEnabled": false"#))
        #expect(steps[5].contains("spec.version: 1.20.2") && steps[5].contains(#""tokenVolumeProjectionEnabled": true"#))
        #expect(steps[6].contains("Warning: 299 - ") && steps[6].contains(#""tokenVolumeProjectionEnabled": true"#))
        #expect(steps[7].contains("PATCH /api/v1/projects/jb4kfzwsxl/dc/europe-west3-c/clusters/w225mx4z66"))
        #expect(run.leftovers.isEmpty && run.leftoverFiles.isEmpty)
    }
}

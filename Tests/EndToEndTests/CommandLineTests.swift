import Foundation
import KKPCore
import KKPTesting
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The command line of DESIGN.md, on the real binary.
@Suite(.serialized)
struct CommandLineTests {
    @Test func helpDocumentsEveryFlagAndExitsZero() throws {
        let result = try runCommand(MockProcess.binaryPath, ["--help"])
        #expect(result.status == 0)
        for flag in ["--host", "--port", "--db", "--fixtures", "--no-auth", "--strict", "--max-body-bytes", "--help"] {
            #expect(result.stdout.contains(flag), "--help does not mention \(flag)")
        }
    }

    @Test(arguments: [["--bogus"], ["--port"], ["--port", "http"], ["--port", "70000"], ["--strict=yes"], ["--max-body-bytes", "0"]])
    func badFlagsExitTwoWithUsage(_ arguments: [String]) throws {
        let result = try runCommand(MockProcess.binaryPath, arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains("USAGE: kkp-mock"))
        #expect(result.stdout.isEmpty)
    }

    @Test func busyPortExitsOneWithAMessage() throws {
        let mock = try MockProcess()
        let result = try runCommand(MockProcess.binaryPath, ["--port", "\(mock.port)", "--db", ":memory:", "--fixtures", Fixtures.directory])
        #expect(result.status == 1)
        #expect(result.stderr.contains("already in use"))
        mock.stop()
    }

    @Test func sigtermAndSigintStopCleanly() throws {
        let mock = try MockProcess()
        #expect(mock.terminate(signal: SIGTERM) == 0)
        try mock.start()
        #expect(mock.terminate(signal: SIGINT) == 0)
    }

    @Test func memoryDatabaseLeavesNoFile() throws {
        let mock = try MockProcess(arguments: [], database: ":memory:")
        #expect(try mock.request("PATCH", Paths.stagingV2, body: #"{"name":"gone"}"#).status == 200)
        #expect(try mock.getJSON(Paths.stagingV2)["name"] == "gone")
        #expect(mock.stop() == 0)
        try mock.start()
        #expect(try mock.getJSON(Paths.stagingV2)["name"] == "staging-eu")
        mock.stop()
        #expect(!FileManager.default.fileExists(atPath: ":memory:"))
    }

    @Test func missingFixturesForANewDatabaseExitOne() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kkp-nofix-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try runCommand(MockProcess.binaryPath, ["--port", "0", "--db", directory + "/db.sqlite", "--fixtures", directory + "/none"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("versions.json"))
    }

    @Test func strictRefusesUnknownFieldsThatAreOtherwiseDroppedWithAWarning() throws {
        let lenient = try MockProcess()
        let dropped = try lenient.request("PATCH", Paths.stagingV2, body: #"{"spec":{"colour":"blue"}}"#)
        #expect(dropped.status == 200)
        #expect(dropped.headerValues("Warning") == [#"299 - "unknown field \"spec.colour\" was dropped""#])
        lenient.stop()
        let strict = try MockProcess(arguments: ["--strict"])
        let before = try strict.request("GET", Paths.stagingV2)
        try strict.request("PATCH", Paths.stagingV2, body: #"{"spec":{"colour":"blue"}}"#)
            .expectKKPError(400, #"cannot decode patched cluster: json: unknown field "colour""#)
        #expect(try strict.request("GET", Paths.stagingV2).body == before.body)
        strict.stop()
    }

    @Test func listeningLineIsTheFirstLine() throws {
        let mock = try MockProcess()
        #expect(mock.port > 0)
        #expect(try mock.request("GET", "/api/v1/projects").status == 200)
        mock.stop()
    }
}

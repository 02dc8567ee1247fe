import Foundation
import KKPCore
import KKPTesting
import Synchronization
import Testing

/// kill -9 under write load: every acknowledged write survives, and the database stays consistent.
@Suite(.serialized)
struct CrashRecoveryTests {
    static let rounds = 5
    static let writers = 8
    /// Acknowledged PATCHes to wait for in a round before the kill (writes keep coming while it lands).
    static let acknowledgementsBeforeKill = 40

    @Test func acknowledgedWritesSurviveKillNine() throws {
        let mock = try MockProcess()
        defer { mock.stop() }
        var acknowledged: [String] = []  // label keys whose PATCH was answered 200, over all rounds
        for round in 0..<Self.rounds {
            let port = mock.port
            let roundAcknowledged = Mutex<[String]>([])
            let enough = DispatchSemaphore(value: 0)
            let errors = Evidence.runOnThreads(Self.writers + 1) { index in
                if index == Self.writers {
                    // The killer: waits for enough acknowledgements (or, if writes fail, a minute), then crashes the
                    // server mid-load.
                    _ = enough.wait(timeout: .now() + 60)
                    mock.kill9()
                    return
                }
                let client = try HTTPTestClient(port: port)
                defer { client.close() }
                for n in 0..<10_000 {
                    let key = "r\(round)-w\(index)-\(n)"
                    // A failure to send or read is the crash; it ends this writer's round.
                    guard let response = try? client.send("PATCH", Paths.stagingV2, headers: Evidence.auth, body: Evidence.labelPatch(key, "x"))
                    else { return }
                    guard response.status == 200 else { throw HTTPTestClientError("PATCH \(key): \(response.status) \(response.text)") }
                    let count = roundAcknowledged.withLock {
                        $0.append(key)
                        return $0.count
                    }
                    if count == Self.acknowledgementsBeforeKill { enough.signal() }
                }
                throw HTTPTestClientError("the server was never killed")
            }
            #expect(errors.isEmpty, "round \(round): \(errors)")
            #expect(!mock.isRunning)
            let thisRound = roundAcknowledged.withLock { $0 }
            #expect(thisRound.count >= Self.acknowledgementsBeforeKill)
            acknowledged += thisRound

            let check = try runCommand("/usr/bin/sqlite3", [mock.databasePath, "PRAGMA integrity_check"])
            #expect(check.status == 0 && check.stdout == "ok\n", "round \(round): integrity_check: \(check.stdout) \(check.stderr)")

            try mock.start()
            let response = try HTTPTestClient.request(port: mock.port, target: Paths.stagingV2, headers: Evidence.auth)
            #expect(response.status == 200)
            let labels = try #require(try response.json["labels"]?.objectValue)
            let lost = acknowledged.filter { labels[$0] != .string("x") }
            #expect(lost.isEmpty, "round \(round): \(lost.count) acknowledged writes lost, e.g. \(lost.prefix(10))")
        }
        // The server still writes after the last restart.
        let after = try HTTPTestClient.request(
            port: mock.port, method: "PATCH", target: Paths.stagingV2, headers: Evidence.auth, body: Evidence.labelPatch("after", "crash"))
        #expect(after.status == 200)
    }
}

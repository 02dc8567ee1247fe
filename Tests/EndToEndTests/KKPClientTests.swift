import Foundation
import KKPTesting
import Testing

/// A client that knows only KKP's real v2.16 Swagger document works against kkp-mock.
struct KKPClientTests {
    @Test func clientBuiltFromKKPsV216DocumentListsGetsCreatesPatchesAndDeletes() throws {
        let mock = try MockProcess()
        defer { mock.stop() }
        let root = Fixtures.repositoryRoot
        let result = try runCommand(
            "/usr/bin/env",
            [
                "python3", root + "/Tests/EndToEndTests/Clients/kkp_v216_client.py",
                root + "/scripts/swagger/kkp-v2.16-swagger.json", mock.baseURL, "demo-token",
            ])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("ok: list, get, create, patch and delete"))
    }
}

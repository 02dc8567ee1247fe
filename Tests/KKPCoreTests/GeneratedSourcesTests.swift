import Foundation
import KKPTesting
import Testing

/// Sources generated from other files of the repository, regenerated and compared so they cannot drift: KKPCore's
/// Cluster schema from the Swagger document, and KKPAPI's compiled-in resources from its Resources directory.
struct GeneratedSourcesTests {
    @Test(arguments: [
        ("scripts/swagger/schema.py", "Sources/KKPAPI/Resources/swagger.json", "Sources/KKPCore/ClusterSchema+Generated.swift"),
        ("scripts/swagger/embed.py", "Sources/KKPAPI/Resources", "Sources/KKPAPI/Resources+Generated.swift"),
    ])
    func generatedSourceIsCurrent(script: String, input: String, output: String) throws {
        let root = Fixtures.repositoryRoot
        let result = try runCommand("/usr/bin/env", ["python3", root + "/" + script, root + "/" + input])
        try #require(result.status == 0, "\(script) failed: \(result.stderr)")
        let committed = try String(contentsOfFile: root + "/" + output, encoding: .utf8)
        #expect(result.stdout == committed, "run \(script) (see its header) and commit the result")
    }
}

import Foundation
import KKPTesting
import Testing

/// The Cluster schema in KKPCore is generated from the Swagger document; this keeps the two from drifting.
struct GeneratedSchemaTests {
    @Test func generatedSchemaMatchesTheSwaggerDocument() throws {
        let root = Fixtures.repositoryRoot
        let result = try runCommand("/usr/bin/env", ["python3", root + "/scripts/swagger/schema.py", root + "/Sources/KKPAPI/Resources/swagger.json"])
        try #require(result.status == 0, "schema.py failed: \(result.stderr)")
        let committed = try String(contentsOfFile: root + "/Sources/KKPCore/ClusterSchema+Generated.swift", encoding: .utf8)
        #expect(result.stdout == committed, "run scripts/swagger/schema.py (see its header) and commit the result")
    }
}

import Foundation
import KKPCore
import KKPTesting
import MicroHTTP
import Testing

@testable import KKPAPI

/// The Swagger document against the route table, the Swagger 2.0 schema and its generator.
struct SwaggerDocumentTests {
    static let path = Fixtures.repositoryRoot + "/Sources/KKPAPI/Resources/swagger.json"

    /// The operations of the document: (method, path) → the operation.
    static func operations() throws -> [String: JSONValue] {
        let document = try JSONValue(parsing: SwaggerDocument.bytes)
        guard case .object(let paths)? = document["paths"] else {
            Issue.record("the document has no paths")
            return [:]
        }
        var operations: [String: JSONValue] = [:]
        for (path, item) in paths {
            guard case .object(let methods) = item else { continue }
            for (method, operation) in methods { operations["\(method.uppercased()) \(path)"] = operation }
        }
        return operations
    }

    @Test func theDocumentHasAnOperationForEveryRouteAndNoOther() throws {
        let routes = Set(Routes.table.map { "\($0.method.rawValue) \($0.path) \($0.route.operation)" })
        let documented = Set(
            try Self.operations().map { key, operation -> String in
                guard case .string(let id)? = operation["operationId"] else { return "\(key) (no operationId)" }
                return "\(key) \(id)"
            }
        )
        #expect(routes.subtracting(documented).sorted() == [], "routes the document lacks")
        #expect(documented.subtracting(routes).sorted() == [], "operations no route serves")
    }

    @Test func theServedDocumentIsTheRepositorysFileByteForByte() throws {
        let file = try Data(contentsOf: URL(fileURLWithPath: Self.path))
        #expect(SwaggerDocument.bytes == Array(file))
    }

    @Test func openRoutesAreTheOperationsWithoutSecurity() throws {
        let operations = try Self.operations()
        for row in Routes.table {
            let operation = try #require(operations["\(row.method.rawValue) \(row.path)"])
            let open = operation["security"] == .array([])
            #expect(open == !row.route.authenticated, "\(row.route.operation): security in the document and the route table differ")
        }
    }

    @Test func theSwaggerUIFilesAreTheDocumentedOnes() throws {
        let operation = try #require(try Self.operations()["GET /rest-api/{file}"])
        guard case .array(let parameters)? = operation["parameters"] else {
            Issue.record("no parameters")
            return
        }
        let documented = parameters.first { $0["name"] == "file" }?["enum"]
        let served = [SwaggerUI.initializerName] + SwaggerUI.distributionFiles
        #expect(documented == .array(served.map(JSONValue.string)))
    }

    @Test func theDocumentIsValidSwagger2() throws {
        let result = try runCommand("/bin/bash", [Fixtures.repositoryRoot + "/scripts/swagger/validate.sh", Self.path])
        #expect(result.status == 0, "openapi-spec-validator (scripts/setup.sh installs it): \(result.stdout) \(result.stderr)")
    }

    @Test func theValidatorRefusesAnInvalidDocument() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("swagger-\(UUID().uuidString).json")
        try Data(#"{"swagger":"2.0","info":{"title":"t","version":"1"},"paths":{"/x":{"get":{"responses":{}}}}}"#.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try runCommand("/bin/bash", [Fixtures.repositoryRoot + "/scripts/swagger/validate.sh", file.path])
        #expect(result.status == 1, "\(result.stdout) \(result.stderr)")
    }

    /// KKP's v2.16 document, from which scripts/swagger/extract.py builds ours: `KKP_SWAGGER`, or the copy in
    /// scripts/swagger.
    static let kkpDocument: String? = {
        let candidates = [
            ProcessInfo.processInfo.environment["KKP_SWAGGER"],
            Fixtures.repositoryRoot + "/scripts/swagger/kkp-v2.16-swagger.json",
        ]
        return candidates.compactMap { $0 }.first { FileManager.default.fileExists(atPath: $0) }
    }()

    @Test(.enabled(if: kkpDocument != nil, "KKP's v2.16 document is not beside the repository (set KKP_SWAGGER)"))
    func theDocumentIsWhatTheGeneratorMakes() throws {
        let generator = Fixtures.repositoryRoot + "/scripts/swagger/extract.py"
        let result = try runCommand("/usr/bin/env", ["python3", generator, try #require(Self.kkpDocument)])
        try #require(result.status == 0, "extract.py failed: \(result.stderr)")
        let committed = try String(contentsOfFile: Self.path, encoding: .utf8)
        #expect(result.stdout == committed, "run scripts/swagger/extract.py (see its header) and commit the result")
    }
}

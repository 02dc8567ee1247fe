import KKPCore
import KKPTesting
import Testing

struct FixtureSetTests {
    @Test func repositoryFixturesLoad() throws {
        let fixtures = try Fixtures.load()
        #expect(fixtures.directory.projects.count >= 2)
        #expect(fixtures.directory.catalog.defaultVersion?.description == "1.19.3")
        #expect(fixtures.directory.catalog.versions.first?.description == "1.17.9")
        #expect(fixtures.directory.catalog.versions.last?.description == "1.20.2")
        let minors = Set(
            fixtures.clusters.compactMap {
                $0.documents.effective.value(at: ["spec", "version"])?.stringValue?.split(separator: ".").prefix(2).joined(separator: ".")
            })
        #expect(minors.isSuperset(of: ["1.18", "1.19", "1.20"]))
        for cluster in fixtures.clusters {
            #expect(cluster.documents.effective.value(at: ["status", "url"])?.stringValue?.hasPrefix("https://\(cluster.id).") == true)
            #expect(cluster.documents.effective.value(at: ["spec", "serviceAccount"]) != nil)
        }
    }

    @Test func projectOwnersComeFromUsers() throws {
        let fixtures = try Fixtures.load()
        let demo = try #require(fixtures.directory.project(id: Fixtures.IDs.demoProject))
        #expect(demo.document["owners"]?.arrayValue?.compactMap { $0["email"]?.stringValue } == ["jane.doe@example.com"])
        #expect(demo.document["status"] == "Active")
    }

    @Test func tokensFindTheirUsers() throws {
        let fixtures = try Fixtures.load()
        #expect(fixtures.directory.user(token: "demo-token")?.email == "jane.doe@example.com")
        #expect(fixtures.directory.user(token: "admin-token")?.isAdmin == true)
        #expect(fixtures.directory.user(token: "nope") == nil)
    }

    func files(replacing name: String, with text: String) throws -> [String: JSONValue] {
        var files: [String: JSONValue] = [:]
        for file in FixtureSet.fileNames { files[file] = try Fixtures.file(file) }
        files[name] = try JSONValue(parsing: text)
        return files
    }

    @Test(arguments: [
        ("versions.json", #"{"versions":["x"]}"#, "is not a semantic version"),
        ("versions.json", #"{"versions":["1.19.3"],"default":"1.20.0"}"#, "is not one of the versions"),
        ("seeds.json", #"[{"name":"s"}]"#, "needs a \"name\" and a \"domain\""),
        ("users.json", #"[{"id":"u","email":"e","projects":{"nope":"owners"}}]"#, "unknown project"),
        ("users.json", #"[{"id":"u","email":"e","projects":{"jb4kfzwsxl":"kings"}}]"#, "must be owners, editors or viewers"),
        ("clusters.json", #"[{"projectID":"nope","cluster":{"id":"a"}}]"#, "unknown project"),
        (
            "clusters.json", #"[{"projectID":"jb4kfzwsxl","cluster":{"id":"a","name":"n","spec":{"cloud":{"dc":"nowhere"},"version":"1.19.3"}}}]"#,
            "must name a datacenter"
        ),
        (
            "clusters.json", #"[{"projectID":"jb4kfzwsxl","cluster":{"id":"a","name":"n","spec":{"cloud":{"dc":"do-nyc1"},"version":"x"}}}]"#,
            "Invalid Semantic Version"
        ),
    ])
    func badFixturesNameTheFileAndTheProblem(_ file: String, _ content: String, _ expected: String) throws {
        let error = try #require(throws: FixtureError.self) { try FixtureSet(files: try files(replacing: file, with: content)) }
        #expect(error.file == file)
        #expect(error.message.contains(expected))
    }

    @Test func missingFileIsNamed() throws {
        var files = try files(replacing: "seeds.json", with: "[]")
        files["clusters.json"] = nil
        let error = try #require(throws: FixtureError.self) { try FixtureSet(files: files) }
        #expect(error.file == "clusters.json")
    }
}

import Foundation
import KKPCore
import KKPTesting
import MicroHTTP
import Testing

@testable import KKPAPI

/// `/rest-api` in-process, over a made-up Swagger UI distribution in a temporary directory.
struct SwaggerUITests {
    /// A directory with stand-ins for the distribution's files (and a stock initializer that must never be served).
    final class Distribution {
        let directory: String

        init(missing: String? = nil) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("swagger-ui-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for name in SwaggerUI.distributionFiles + ["swagger-initializer.js", "index.html"] where name != missing {
                try Data("/* \(name) */".utf8).write(to: URL(fileURLWithPath: directory + "/" + name))
            }
        }

        deinit {
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    let distribution: Distribution
    let harness: APITestHarness

    init() throws {
        distribution = try Distribution()
        harness = try APITestHarness(configuration: .init(swaggerUI: try SwaggerUI.load(directory: distribution.directory)))
    }

    @Test func thePageNeedsNoTokenAndLinksItsFilesWithTheirVersions() throws {
        let page = harness.send(.get, "/rest-api", token: nil)
        #expect(page.status == .ok)
        #expect(page.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(page.headers["Cache-Control"] == "no-cache")
        let html = String(decoding: page.body, as: UTF8.self)
        for name in SwaggerUI.distributionFiles + [SwaggerUI.initializerName] {
            let file = harness.send(.get, "/rest-api/\(name)", token: nil)
            let etag = try #require(file.headers["ETag"])
            #expect(html.contains("\"/rest-api/\(name)?v=\(etag.dropFirst().dropLast())\""), "the page does not link \(name)")
        }
        #expect(!html.contains("{{"), "a placeholder is left in the page")
        #expect(!html.contains("<script>") && !html.contains("style="), "the page has an inline script or style")
    }

    @Test func thePageAllowsDataImagesAndEverythingElseKeepsKKPsPolicy() throws {
        let kkp = try #require(HTTPResponse.securityHeaders.first { $0.0 == "Content-Security-Policy" }?.1)
        let page = harness.send(.get, "/rest-api")
        #expect(
            page.headers.values(for: "Content-Security-Policy") == [kkp.replacingOccurrences(of: "img-src 'self';", with: "img-src 'self' data:;")])
        #expect(page.headers["X-Frame-Options"] == "DENY")
        for path in ["/rest-api/swagger-ui-bundle.js", "/api/swagger.json", "/api/v1/projects", "/rest-api/nothing"] {
            #expect(harness.send(.get, path).headers.values(for: "Content-Security-Policy") == [kkp], "\(path)")
        }
    }

    @Test(arguments: [
        ("swagger-ui-bundle.js", "text/javascript; charset=utf-8", "public, max-age=86400"),
        ("swagger-ui.css", "text/css; charset=utf-8", "public, max-age=86400"),
        ("index.css", "text/css; charset=utf-8", "public, max-age=86400"),
        ("favicon-32x32.png", "image/png", "public, max-age=86400"),
        ("kkp-mock-swagger-ui.js", "text/javascript; charset=utf-8", "no-cache"),
    ])
    func filesHaveTheirTypeAndCaching(_ name: String, _ type: String, _ caching: String) throws {
        let file = harness.send(.get, "/rest-api/\(name)", token: nil)
        #expect(file.status == .ok)
        #expect(file.headers["Content-Type"] == type)
        #expect(file.headers["Cache-Control"] == caching)
        #expect(file.headers["X-Content-Type-Options"] == "nosniff")
        if name != SwaggerUI.initializerName {
            #expect(String(decoding: file.body, as: UTF8.self) == "/* \(name) */")
        }
    }

    @Test func theInitializerLoadsThisServersDocument() throws {
        let body = harness.send(.get, "/rest-api/kkp-mock-swagger-ui.js").body
        let file = try Data(contentsOf: URL(fileURLWithPath: Fixtures.repositoryRoot + "/Sources/KKPAPI/Resources/swagger-ui/kkp-mock-swagger-ui.js"))
        #expect(body == Array(file), "the served initializer is the repository's file byte for byte")
        let script = String(decoding: body, as: UTF8.self)
        #expect(script.contains(#"url: "/api/swagger.json""#))
        #expect(script.contains("validatorUrl: null"))
        #expect(!script.contains("petstore"))
    }

    @Test(arguments: [
        "/rest-api/..", "/rest-api/%2E%2E", "/rest-api/..%2Fswagger.json", "/rest-api/%2E%2E%2F%2E%2E%2FPackage.swift",
        "/rest-api/swagger-initializer.js", "/rest-api/index.html", "/rest-api/%2Fetc%2Fpasswd", "/rest-api/a/b",
        "/rest-api/", "/rest-api/swagger-ui.css%00",
    ])
    func anythingButTheListedFilesIsNotFound(_ path: String) throws {
        let response = harness.send(.get, path)
        #expect(response.status == .notFound)
        #expect(String(decoding: response.body, as: UTF8.self) == "404 page not found\n")
    }

    @Test func aCurrentETagGetsANotModified() throws {
        for path in ["/rest-api", "/rest-api/swagger-ui-bundle.js"] {
            let etag = try #require(harness.send(.get, path).headers["ETag"])
            for ifNoneMatch in [etag, "W/\(etag)", "\"other\", \(etag)", "*"] {
                let response = harness.send(.get, path, headers: ["If-None-Match": ifNoneMatch])
                #expect(response.status == .notModified, "\(path) If-None-Match: \(ifNoneMatch)")
                #expect(response.body.isEmpty)
                #expect(response.headers["ETag"] == etag)
                #expect(response.headers["Cache-Control"] != nil)
            }
            #expect(harness.send(.get, path, headers: ["If-None-Match": "\"other\""]).status == .ok)
        }
    }

    @Test func withoutTheDistributionThePageSaysHowToInstallIt() throws {
        let harness = try APITestHarness(configuration: .init(swaggerUI: .unavailable("run scripts/setup.sh")))
        let page = harness.send(.get, "/rest-api")
        #expect(page.status == .notFound)
        #expect(page.headers["Content-Type"] == "text/plain; charset=utf-8")
        #expect(String(decoding: page.body, as: UTF8.self) == "run scripts/setup.sh\n")
        #expect(harness.send(.get, "/rest-api/swagger-ui-bundle.js").status == .notFound)
    }

    @Test func loadingFailsWhenAFileThePageLinksIsMissing() throws {
        let distribution = try Distribution(missing: "swagger-ui.css")
        #expect(throws: SwaggerUIError.self) { try SwaggerUI.load(directory: distribution.directory) }
        #expect(throws: SwaggerUIError.self) { try SwaggerUI.load(directory: distribution.directory + "/nowhere") }
    }

    @Test func theFlagNamesTheDirectory() throws {
        #expect(try CommandLineOptions.parse([]).swaggerUI == nil)
        #expect(try CommandLineOptions.parse(["--swagger-ui", "/opt/ui"]).swaggerUI == "/opt/ui")
        #expect(try CommandLineOptions.parse(["--swagger-ui=/opt/ui"]).swaggerUI == "/opt/ui")
        #expect(throws: UsageError.self) { try CommandLineOptions.parse(["--swagger-ui"]) }
        #expect(throws: UsageError.self) { try CommandLineOptions.parse(["--swagger-ui="]) }
        #expect(CommandLineOptions.usage.contains("--swagger-ui DIR"))
    }
}

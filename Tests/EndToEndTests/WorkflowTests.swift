import Foundation
import KKPCore
import KKPTesting
import Testing

/// The seed's workflow and the write semantics, against the real binary over real HTTP.
@Suite(.serialized)
struct WorkflowTests {
    /// The README's curl session, with curl: GET a 1.19 cluster (projection off), PATCH, GET (on, defaulted), restart,
    /// still on.
    @Test func readmeCurlSessionWorksAsWritten() throws {
        let mock = try MockProcess()
        let url = mock.baseURL + Paths.stagingV1
        func curl(_ arguments: [String]) throws -> JSONValue {
            let result = try runCommand("/usr/bin/curl", ["-sS", "--fail-with-body", "-H", "Authorization: Bearer demo-token"] + arguments)
            try #require(result.status == 0, "curl \(arguments): \(result.stderr) \(result.stdout)")
            return try JSONValue(parsing: result.stdout)
        }
        let before = try curl([url])
        #expect(before["spec"]?["version"] == "1.19.3")
        #expect(before["spec"]?["serviceAccount"]?["tokenVolumeProjectionEnabled"] == false)

        let patched = try curl(["-X", "PATCH", "-d", #"{"spec":{"serviceAccount":{"tokenVolumeProjectionEnabled":true}}}"#, url])
        let expected: JSONValue = [
            "tokenVolumeProjectionEnabled": true, "issuer": .string(Paths.stagingURL), "apiAudiences": [.string(Paths.stagingURL)],
        ]
        #expect(patched["spec"]?["serviceAccount"] == expected)
        #expect(try curl([url])["spec"]?["serviceAccount"] == expected)

        #expect(mock.stop() == 0)
        try mock.start()
        #expect(try curl([mock.baseURL + Paths.stagingV1])["spec"]?["serviceAccount"] == expected)
        #expect(mock.stop() == 0)
    }

    @Test func v1AndV2ServeTheSameDocument() throws {
        let mock = try MockProcess()
        let v1 = try mock.request("GET", Paths.stagingV1)
        let v2 = try mock.request("GET", Paths.stagingV2)
        #expect(v1.body == v2.body)
        #expect(v1.header("ETag") == v2.header("ETag"))
        mock.stop()
    }

    @Test func nestedObjectsAndArraysInAPatch() throws {
        let mock = try MockProcess()
        let body =
            #"{"labels":{"team":"sre","env":null},"spec":{"admissionPlugins":["PodNodeSelector","EventRateLimit"],"podNodeSelectorAdmissionPluginConfig":{"clusterDefaultNodeSelector":"env=prod"},"serviceAccount":{"apiAudiences":["vault","minio"]}}}"#
        let response = try mock.request("PATCH", Paths.stagingV2, body: body)
        #expect(response.status == 200)
        let document = try mock.getJSON(Paths.stagingV2)
        #expect(document["labels"] == ["team": "sre"])
        #expect(document["spec"]?["admissionPlugins"] == ["PodNodeSelector", "EventRateLimit"])
        #expect(document["spec"]?["podNodeSelectorAdmissionPluginConfig"]?["clusterDefaultNodeSelector"] == "env=prod")
        #expect(document["spec"]?["serviceAccount"]?["apiAudiences"] == ["vault", "minio"])
        let replaced = try mock.request("PATCH", Paths.stagingV2, body: #"{"spec":{"admissionPlugins":["EventRateLimit"]}}"#)
        #expect(try replaced.json["spec"]?["admissionPlugins"] == ["EventRateLimit"])
        mock.stop()
    }

    @Test func nullRemovesAMemberAndResetsADefault() throws {
        let mock = try MockProcess()
        _ = try mock.request(
            "PATCH", Paths.stagingV2,
            body: #"{"labels":{"extra":"1"},"spec":{"serviceAccount":{"tokenVolumeProjectionEnabled":true,"issuer":"https://issuer.example.com"}}}"#)
        var document = try mock.getJSON(Paths.stagingV2)
        #expect(document["spec"]?["serviceAccount"]?["issuer"] == "https://issuer.example.com")
        #expect(document["spec"]?["serviceAccount"]?["apiAudiences"] == ["https://issuer.example.com"])

        _ = try mock.request("PATCH", Paths.stagingV2, body: #"{"labels":{"extra":null},"spec":{"serviceAccount":{"issuer":null}}}"#)
        document = try mock.getJSON(Paths.stagingV2)
        #expect(document["labels"]?["extra"] == nil)
        #expect(document["labels"]?["env"] == "staging")
        #expect(document["spec"]?["serviceAccount"]?["issuer"] == .string(Paths.stagingURL))
        #expect(document["spec"]?["serviceAccount"]?["apiAudiences"] == [.string(Paths.stagingURL)])

        _ = try mock.request("PATCH", Paths.stagingV2, body: #"{"spec":{"serviceAccount":null}}"#)
        #expect(try mock.getJSON(Paths.stagingV2)["spec"]?["serviceAccount"]?["tokenVolumeProjectionEnabled"] == false)
        mock.stop()
    }

    @Test func upgradeFrom119To120TurnsTheDefaultOn() throws {
        let mock = try MockProcess()
        #expect(try mock.getJSON(Paths.stagingV2)["spec"]?["serviceAccount"]?["tokenVolumeProjectionEnabled"] == false)
        let response = try mock.request("PATCH", Paths.stagingV2, body: #"{"spec":{"version":"1.20.2"}}"#)
        #expect(response.status == 200)
        let document = try mock.getJSON(Paths.stagingV2)
        #expect(document["spec"]?["version"] == "1.20.2")
        #expect(document["status"]?["version"] == "1.20.2")
        #expect(document["spec"]?["serviceAccount"]?["tokenVolumeProjectionEnabled"] == true)
        mock.stop()
    }

    @Test func writesPersistAcrossARestartAndTheETagFollows() throws {
        let mock = try MockProcess()
        let first = try mock.request("PATCH", Paths.prodV2, body: #"{"name":"prod-eu-renamed"}"#)
        let etag = try #require(first.header("ETag"))
        #expect(mock.stop() == 0)
        try mock.start()
        let again = try mock.request("GET", Paths.prodV2)
        #expect(try again.json["name"] == "prod-eu-renamed")
        #expect(again.header("ETag") == etag)
        mock.stop()
    }

    @Test func keepAliveServesManyRequestsOnOneConnection() throws {
        let mock = try MockProcess()
        let client = try HTTPTestClient(port: mock.port)
        let auth = [("Authorization", "Bearer demo-token")]
        for n in 0..<50 {
            let response =
                n % 5 == 0
                ? try client.send("PATCH", Paths.stagingV2, headers: auth, body: Array(#"{"labels":{"n":"\#(n)"}}"#.utf8))
                : try client.send("GET", Paths.stagingV2, headers: auth)
            #expect(response.status == 200)
        }
        #expect(try client.send("GET", Paths.stagingV2, headers: auth).json["labels"]?["n"] == "45")
        client.close()
        mock.stop()
    }
}

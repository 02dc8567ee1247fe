import KKPCore
import MicroHTTP
import Testing

@testable import KKPAPI

/// Fault rules: reading them, matching requests, counting them down, and the answers they make.
struct FaultRuleTests {
    func rule(_ json: String) throws -> FaultRule {
        try FaultRule(parsing: try #require(try JSONValue(parsing: Array(json.utf8)).objectValue))
    }

    @Test func fullRuleIsReadAndShownBack() throws {
        let input =
            #"{"method":"patch","path":"/api/v2/projects/*/clusters/*","delayMs":250,"response":{"status":503,"headers":{"Retry-After":"1"},"body":{"error":{"code":503,"message":"down"}}},"times":2}"#
        var rules = FaultRules()
        let stored = rules.add(try rule(input))
        #expect(
            stored.json == [
                "id": 1, "method": "PATCH", "path": "/api/v2/projects/*/clusters/*", "delayMs": 250,
                "response": ["status": 503, "headers": ["Retry-After": "1"], "body": ["error": ["code": 503, "message": "down"]]],
                "times": 2, "remaining": 2, "matched": 0,
            ])
    }

    @Test func minimalRuleMatchesAnyMethod() throws {
        let stored = try rule(#"{"path":"/**","delayMs":1}"#)
        #expect(stored.json == ["id": 0, "method": "*", "path": "/**", "delayMs": 1, "matched": 0])
        #expect(stored.matches(method: .delete, path: "/api/v1/projects"))
        #expect(try rule(#"{"method":"*","path":"/**","delayMs":1}"#).method == nil)
    }

    @Test func getRuleAlsoMatchesHead() throws {
        let get = try rule(#"{"method":"GET","path":"/api/**","delayMs":1}"#)
        #expect(get.matches(method: .head, path: "/api/v1/projects"))
        #expect(!get.matches(method: .patch, path: "/api/v1/projects"))
        #expect(!get.matches(method: .get, path: "/apis"))
        let head = try rule(#"{"method":"HEAD","path":"/api/**","delayMs":1}"#)
        #expect(!head.matches(method: .get, path: "/api/v1/projects"))
    }

    @Test(arguments: [
        (#"[]"#, "the body must be a JSON object, not an array"),
        (#"{}"#, #"path is required: a path pattern such as "/api/v2/projects/*/clusters/*" or "/api/**""#),
        (#"{"path":"/x","delayMs":0}"#, "a fault needs delayMs above 0, a response, or both"),
        (#"{"path":"/x"}"#, "a fault needs delayMs above 0, a response, or both"),
        (#"{"path":"/x","delayMs":-1}"#, "delayMs must be from 0 to 60000, not -1"),
        (#"{"path":"/x","delayMs":60001}"#, "delayMs must be from 0 to 60000, not 60001"),
        (#"{"path":"/x","delayMs":1.5}"#, "delayMs must be an integer, not a number (1.5)"),
        (#"{"path":"/x","delayMs":"100"}"#, "delayMs must be an integer, not a string"),
        (#"{"path":"/x","delayMs":1,"times":0}"#, "times must be from 1 to 2147483647, not 0"),
        (#"{"path":"/x","delayMs":1,"times":-2}"#, "times must be from 1 to 2147483647, not -2"),
        (#"{"path":"/x","delayMs":1,"times":true}"#, "times must be an integer, not a boolean"),
        (#"{"path":5,"delayMs":1}"#, "path must be a string, not the number 5"),
        (#"{"path":"x","delayMs":1}"#, #"invalid path pattern "x": it must start with /"#),
        (#"{"path":"/x","delayMs":1,"method":"GE T"}"#, #"method "GE T" is not an HTTP method; use e.g. "PATCH", or "*" for any"#),
        (#"{"path":"/x","delayMs":1,"method":["GET"]}"#, "method must be a string, not an array"),
        (#"{"path":"/x","delay":1}"#, #"unknown field "delay" (accepted: method, path, delayMs, response, times)"#),
        (#"{"path":"/x","response":503}"#, "response must be an object, not the number 503"),
        (#"{"path":"/x","response":{}}"#, "response.status is required: a status from 200 to 599"),
        (#"{"path":"/x","response":{"status":99}}"#, "response.status must be from 200 to 599, not 99"),
        (#"{"path":"/x","response":{"status":"503"}}"#, "response.status must be an integer, not a string"),
        (#"{"path":"/x","response":{"status":503,"code":1}}"#, #"unknown field "response.code" (accepted: status, headers, body, bodyText)"#),
        (#"{"path":"/x","response":{"status":503,"body":{},"bodyText":"x"}}"#, "response: give body (JSON) or bodyText (text), not both"),
        (#"{"path":"/x","response":{"status":503,"bodyText":1}}"#, "response.bodyText must be a string, not the number 1"),
        (#"{"path":"/x","response":{"status":503,"headers":[]}}"#, "response.headers must be an object of strings, not an array"),
        (#"{"path":"/x","response":{"status":503,"headers":{"X":1}}}"#, "response.headers.X must be a string, not the number 1"),
        (#"{"path":"/x","response":{"status":503,"headers":{"Bad Name":"1"}}}"#, #"response.headers: "Bad Name" cannot be set"#),
        (#"{"path":"/x","response":{"status":503,"headers":{"content-length":"1"}}}"#, #"response.headers: "content-length" cannot be set"#),
        (#"{"path":"/x","response":{"status":503,"headers":{"X":"a\nb"}}}"#, "response.headers.X: only printable ASCII is allowed in a header value"),
    ])
    func malformedRulesAreBadRequestsThatSayWhy(_ json: String, _ message: String) throws {
        let body = HTTPRequest(method: .post, path: "/__mock/faults", body: Array(json.utf8))
        #expect(throws: APIError.badRequest(message)) { try FaultRule(parsing: try AdminInput.object(from: body)) }
    }

    @Test func firstMatchingRuleAppliesAndRunsOut() throws {
        var rules = FaultRules()
        let limited = rules.add(try rule(#"{"method":"PATCH","path":"/api/**","response":{"status":503},"times":2}"#))
        let open = rules.add(try rule(#"{"path":"/api/**","delayMs":10}"#))
        #expect(rules.apply(method: .patch, path: "/api/x")?.id == limited.id)
        #expect(rules.rule(id: limited.id)?.remaining == 1)
        let last = rules.apply(method: .patch, path: "/api/x")
        #expect(last?.id == limited.id && last?.remaining == 0 && last?.matched == 2)
        #expect(rules.rule(id: limited.id) == nil)  // ran out: removed
        #expect(rules.apply(method: .patch, path: "/api/x")?.id == open.id)
        #expect(rules.apply(method: .get, path: "/healthz") == nil)
        #expect(rules.rule(id: open.id)?.matched == 1)
        #expect(rules.rule(id: open.id)?.remaining == nil)
    }

    @Test func idsCountOnAfterRemovalAndStartAgainAfterRestart() throws {
        var rules = FaultRules()
        let first = rules.add(try rule(#"{"path":"/a","delayMs":1}"#))
        #expect(rules.remove(id: first.id) == first)
        #expect(rules.remove(id: first.id) == nil)
        #expect(rules.add(try rule(#"{"path":"/a","delayMs":1}"#)).id == 2)
        #expect(rules.removeAll() == 1)
        #expect(rules.add(try rule(#"{"path":"/a","delayMs":1}"#)).id == 3)
        rules.restart()
        #expect(rules.rules.isEmpty)
        #expect(rules.add(try rule(#"{"path":"/a","delayMs":1}"#)).id == 1)
    }

    @Test func answersDefaultToKKPsErrorBodyForErrorStatuses() throws {
        let error = try #require(try rule(#"{"path":"/x","response":{"status":502}}"#).response).httpResponse
        #expect(error.status.rawValue == 502)
        #expect(try JSONValue(parsing: error.body) == ["error": ["code": 502, "message": "fault injected by kkp-mock"]])

        let empty = try #require(try rule(#"{"path":"/x","response":{"status":200}}"#).response).httpResponse
        #expect(empty.body.isEmpty)

        let text = try #require(try rule(#"{"path":"/x","response":{"status":429,"bodyText":"slow down","headers":{"Retry-After":"2"}}}"#).response)
        #expect(text.httpResponse.body == Array("slow down".utf8))
        #expect(text.httpResponse.headers["Content-Type"] == "text/plain; charset=utf-8")
        #expect(text.httpResponse.headers["Retry-After"] == "2")

        let typed = try #require(
            try rule(#"{"path":"/x","response":{"status":200,"body":[1,2],"headers":{"content-type":"application/x-custom"}}}"#).response)
        #expect(typed.httpResponse.headers.values(for: "Content-Type") == ["application/x-custom"])
        #expect(typed.httpResponse.body == Array("[1,2]\n".utf8))
    }
}

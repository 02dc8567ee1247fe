import KKPCore
import MicroHTTP
import Testing

@testable import KKPAPI

/// The journal's ring buffer, its filters and its JSON form, without a server.
struct RequestJournalTests {
    func entry(_ method: HTTPMethod = .get, path: String = "/api/v1/projects", status: HTTPStatus = .ok, time: Int64 = 0) -> JournalEntry {
        JournalEntry(
            time: time, request: HTTPRequest(method: method, path: path), response: HTTPResponse(status: status), fault: nil
        )
    }

    @Test func keepsTheMostRecentEntriesOldestFirst() {
        var journal = RequestJournal(capacity: 3)
        for n in 1...5 { journal.append(entry(path: "/\(n)")) }
        #expect(journal.entries.map(\.request.path) == ["/3", "/4", "/5"])
        #expect(journal.entries.map(\.id) == [3, 4, 5])
        #expect(journal.recorded == 5)
        journal.append(entry(path: "/6"))
        #expect(journal.entries.map(\.request.path) == ["/4", "/5", "/6"])
    }

    @Test func zeroCapacityKeepsNothingButCounts() {
        var journal = RequestJournal(capacity: 0)
        journal.append(entry())
        #expect(journal.entries.isEmpty)
        #expect(journal.recorded == 1)
    }

    @Test func clearKeepsCountingIdsAndRestartStartsThemAgain() {
        var journal = RequestJournal(capacity: 2)
        for _ in 1...3 { journal.append(entry()) }
        #expect(journal.clear() == 2)
        #expect(journal.entries.isEmpty && journal.recorded == 0)
        journal.append(entry())
        #expect(journal.entries.map(\.id) == [4])
        journal.restart()
        journal.append(entry())
        #expect(journal.entries.map(\.id) == [1])
    }

    @Test func filtersCombineAndLimitKeepsTheMostRecent() throws {
        var journal = RequestJournal(capacity: 10)
        journal.append(entry(.get, path: "/api/v1/projects"))
        journal.append(entry(.patch, path: "/api/v2/projects/p/clusters/a"))
        journal.append(entry(.patch, path: "/api/v2/projects/p/clusters/b", status: .badRequest))
        journal.append(entry(.patch, path: "/api/v2/projects/p/clusters/c"))
        journal.append(entry(.get, path: "/api/v2/projects/p/clusters/c"))
        func paths(_ target: String) throws -> [String] {
            journal.entries(matching: try JournalQuery(HTTPRequest(method: .get, target: target))).map(\.request.path)
        }
        #expect(try paths("/__mock/journal").count == 5)
        #expect(try paths("/__mock/journal?method=patch").count == 3)
        #expect(try paths("/__mock/journal?method=PATCH&status=200") == ["/api/v2/projects/p/clusters/a", "/api/v2/projects/p/clusters/c"])
        #expect(try paths("/__mock/journal?path=/api/v2/**&limit=2") == ["/api/v2/projects/p/clusters/c", "/api/v2/projects/p/clusters/c"])
        #expect(try paths("/__mock/journal?path=/api/v2/projects/{p}/clusters/b") == ["/api/v2/projects/p/clusters/b"])
    }

    @Test(arguments: [
        ("?methd=GET", #"unknown query parameter "methd" (accepted: method, path, status, limit)"#),
        ("?method=GET&method=PATCH", #"query parameter "method" is given more than once"#),
        ("?method=GE%20T", #"invalid method "GE T": expected a method such as GET or PATCH"#),
        ("?method=", #"invalid method "": expected a method such as GET or PATCH"#),
        ("?status=ok", #"invalid status "ok": expected a number from 100 to 999"#),
        ("?status=1000", #"invalid status "1000": expected a number from 100 to 999"#),
        ("?limit=0", #"invalid limit "0": expected a positive number"#),
        ("?limit=-3", #"invalid limit "-3": expected a positive number"#),
        ("?limit=2.5", #"invalid limit "2.5": expected a positive number"#),
        ("?path=api", #"invalid path pattern "api": it must start with /"#),
    ])
    func malformedFiltersAreBadRequests(_ query: String, _ message: String) {
        #expect(throws: APIError.badRequest(message)) { try JournalQuery(HTTPRequest(method: .get, target: "/__mock/journal" + query)) }
    }

    @Test func entryJSONShowsRequestAndResponseWithHeadersAsLists() throws {
        var headers: HTTPHeaders = ["Authorization": "Bearer demo-token"]
        headers.add("X-Twice", "1")
        headers.add("X-Twice", "2")
        let request = HTTPRequest(method: .patch, target: "/api/x?a=1&a=2&b=", headers: headers, body: Array(#"{"x":1}"#.utf8))
        var response = HTTPResponse.plainText("done", status: .created)
        response.headers.add("Warning", #"299 - "one""#)
        var entry = JournalEntry(time: 1_613_390_400_120, request: request, response: response, fault: 4)
        entry.id = 9
        #expect(
            entry.json == [
                "id": 9, "time": "2021-02-15T12:00:00.120Z",
                "request": [
                    "method": "PATCH", "path": "/api/x", "query": ["a": ["1", "2"], "b": [""]],
                    "headers": ["Authorization": ["Bearer demo-token"], "X-Twice": ["1", "2"]], "body": #"{"x":1}"#,
                ],
                "response": [
                    "status": 201, "headers": ["Content-Type": ["text/plain; charset=utf-8"], "Warning": [#"299 - "one""#]], "body": "done",
                ],
                "fault": 4,
            ])
    }

    @Test func bodiesThatAreNotTextAreBase64AndLongOnesAreCut() throws {
        let binary = JournalEntry(
            time: 0, request: HTTPRequest(method: .post, path: "/", body: [0xFF, 0x00, 0x61]), response: HTTPResponse(), fault: nil
        )
        #expect(binary.json["request"]?["bodyBase64"] == "/wBh")
        #expect(binary.json["request"]?["body"] == nil)
        #expect(binary.json["response"]?["body"] == nil)  // empty bodies are left out

        let long = Array("é".utf8) + Array(repeating: UInt8(ascii: "a"), count: RequestJournal.bodyLimit)
        let cut = JournalEntry(time: 0, request: HTTPRequest(method: .post, path: "/", body: long), response: HTTPResponse(), fault: nil)
        #expect(cut.request.body.count == RequestJournal.bodyLimit)
        #expect(cut.json["request"]?["bodyTruncated"] == true)
        #expect(cut.json["request"]?["bodySize"] == .number(JSONNumber(long.count)))
    }

    @Test func textCutInsideACharacterStaysText() throws {
        let body = Array(repeating: UInt8(ascii: "a"), count: RequestJournal.bodyLimit - 1) + Array("é".utf8)
        let entry = JournalEntry(time: 0, request: HTTPRequest(method: .post, path: "/", body: body), response: HTTPResponse(), fault: nil)
        let text = try #require(entry.json["request"]?["body"]?.stringValue)
        #expect(text.utf8.count == RequestJournal.bodyLimit - 1)
    }

    @Test func headAndNoContentAnswersHaveNoBodyInTheJournal() {
        let head = JournalEntry(
            time: 0, request: HTTPRequest(method: .head, path: "/"), response: .plainText("would be the GET body"), fault: nil
        )
        #expect(head.responseBody.isEmpty && head.responseBodySize == 0)
        let noContent = JournalEntry(
            time: 0, request: HTTPRequest(method: .options, path: "/"), response: HTTPResponse(status: .noContent, body: [1]), fault: nil
        )
        #expect(noContent.responseBody.isEmpty)
    }

    @Test(arguments: [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")])
    func base64FollowsRFC4648(_ input: String, _ output: String) {
        #expect(JournalEntry.base64(Array(input.utf8)) == output)
    }
}

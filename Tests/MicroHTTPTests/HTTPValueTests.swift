import MicroHTTP
import Testing

@Suite struct HTTPHeadersTests {
    @Test func namesCompareCaseInsensitivelyAndKeepTheirOrder() {
        var headers: HTTPHeaders = ["Content-Type": "text/plain", "X-A": "1"]
        headers.add("x-a", "2")
        #expect(headers["content-type"] == "text/plain")
        #expect(headers["X-a"] == "1")
        #expect(headers.values(for: "X-A") == ["1", "2"])
        #expect(headers.map(\.name) == ["Content-Type", "X-A", "x-a"])
        #expect(headers["Missing"] == nil)
        #expect(headers.values(for: "Missing").isEmpty)
    }

    @Test func setReplacesEveryValueInPlace() {
        var headers: HTTPHeaders = ["A": "1", "B": "2"]
        headers.add("a", "3")
        headers.set("A", "9")
        #expect(headers.map(\.name) == ["A", "B"])
        #expect(headers.values(for: "a") == ["9"])
        headers.set("C", "4")
        #expect(headers.map(\.value) == ["9", "2", "4"])
        headers.remove("b")
        #expect(headers.count == 2 && !headers.contains("B"))
    }

    @Test func namesDifferingOnlyOutsideASCIICaseAreDifferent() {
        let headers: HTTPHeaders = ["Straße": "1"]
        #expect(headers["STRASSE"] == nil)
        #expect(headers["straße"] == "1")
        #expect(headers["Straß"] == nil)
    }

    @Test(arguments: [
        ("Content-Length", "content-length", true), ("X-A", "x-a", true), ("a", "A", true), ("", "", true),
        ("@", "`", false), ("[", "{", false), ("^", "~", false), ("X", "XY", false), ("XY", "X", false), ("é", "É", false),
        ("Content-Length", "Content-Lengtx", false),
    ])
    func onlyASCIILettersFoldCase(_ name: String, _ other: String, _ equal: Bool) {
        let headers = HTTPHeaders([(name, "v")])
        #expect((headers[other] != nil) == equal, "\(name) vs \(other)")
    }
}

@Suite struct HTTPRequestTests {
    @Test func targetInitialiserSplitsAndDecodesTheQuery() {
        let request = HTTPRequest(method: .get, target: "/a%2Fb?x=1+2&y=%41%zz&&z&e=%C3%A9&k%3D=v=w&bad=%FF")
        #expect(request.path == "/a%2Fb")
        #expect(request.query.map(\.name) == ["x", "y", "z", "e", "k=", "bad"])
        #expect(request.query.map(\.value) == ["1+2", "A%zz", "", "é", "v=w", "\u{FFFD}"])
        #expect(request.queryValue("x") == "1+2")
        #expect(request.queryValue("missing") == nil)
    }

    @Test func repeatedQueryParametersKeepEveryValue() {
        let request = HTTPRequest(method: .get, target: "/?a=1&a=2&b=3")
        #expect(request.queryValue("a") == "1")
        #expect(request.queryValues("a") == ["1", "2"])
    }

    @Test func targetWithoutQueryHasNoParameters() {
        let request = HTTPRequest(method: .get, target: "/plain")
        #expect(request.path == "/plain" && request.query.isEmpty)
        #expect(HTTPRequest(method: .get, target: "/x?").query.isEmpty)
    }

    @Test func cookiesComeFromEveryCookieHeader() {
        var headers: HTTPHeaders = ["Cookie": "a=1; token=abc.def ;b=\"quoted\""]
        headers.add("cookie", "c=3;token=second")
        let request = HTTPRequest(method: .get, path: "/", headers: headers)
        #expect(request.cookie("token") == "abc.def")
        #expect(request.cookie("a") == "1")
        #expect(request.cookie("b") == "quoted")
        #expect(request.cookie("c") == "3")
        #expect(request.cookie("tok") == nil)
        #expect(HTTPRequest(method: .get, path: "/").cookie("token") == nil)
    }
}

@Suite struct HTTPStatusTests {
    @Test func statusesKnowTheirReasonPhrases() {
        #expect(HTTPStatus.notFound.reasonPhrase == "Not Found")
        #expect(HTTPStatus.payloadTooLarge.description == "413 Content Too Large")
        #expect(HTTPStatus(599).reasonPhrase == "")
        #expect(HTTPStatus(rawValue: 204) == .noContent)
    }

    @Test func methodsAreTokensComparedExactly() {
        #expect(HTTPMethod("GET") == .get)
        #expect(HTTPMethod("get") != .get)
        #expect(HTTPMethod("QUERY").description == "QUERY")
    }
}

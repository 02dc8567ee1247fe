import KKPTesting
import MicroHTTP
import Testing

/// libmicrohttpd adds a `Date` header unless the response has one: a responder with its own clock decides it.
@Suite struct DateHeaderTests {
    @Test func responderDateReplacesLibmicrohttpdsOwn() throws {
        let responder = ClosureResponder { request in
            request.path == "/dated" ? .plainText("x", headers: ["Date": "Mon, 15 Feb 2021 12:00:00 GMT"]) : .plainText("y")
        }
        try withServer(responder: responder) { server in
            let dated = try HTTPTestClient.request(port: server.port, target: "/dated")
            #expect(dated.headerValues("Date") == ["Mon, 15 Feb 2021 12:00:00 GMT"])
            let undated = try HTTPTestClient.request(port: server.port, target: "/undated")
            #expect(undated.headerValues("Date").count == 1)
            #expect(undated.header("Date")?.hasSuffix(" GMT") == true)
        }
    }
}

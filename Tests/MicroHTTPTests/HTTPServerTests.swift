import Glibc
import KKPTesting
import MicroHTTP
import Testing

@Suite struct HTTPServerTests {
    // MARK: Requests and responses

    @Test func getIsAnsweredWithTheRespondersResponse() throws {
        try withServer { server in
            let response = try HTTPTestClient.request(port: server.port, target: "/hello/world")
            #expect(response.status == 200)
            #expect(response.header("X-Method") == "GET")
            #expect(response.header("X-Path") == "/hello/world")
            #expect(response.header("Content-Length") == "0")
            #expect(response.body.isEmpty)
        }
    }

    @Test func postBodyIsEchoed() throws {
        try withServer { server in
            let body = Array("{\"name\":\"été\"}".utf8) + [0, 255, 10]
            let response = try HTTPTestClient.request(
                port: server.port,
                method: "POST",
                target: "/echo",
                headers: [("Content-Type", "application/json")],
                body: body
            )
            #expect(response.status == 200)
            #expect(response.header("X-Method") == "POST")
            #expect(response.body == body)
        }
    }

    @Test func anyMethodTokenReachesTheResponder() throws {
        try withServer { server in
            let client = try HTTPTestClient(port: server.port)
            for method in ["QUERY", "FOO", "PATCH", "DELETE", "OPTIONS"] {
                let response = try client.send(method, "/m")
                #expect(response.header("X-Method") == method)
            }
        }
    }

    @Test func statusHeadersAndBodyOfTheResponseAreSent() throws {
        let responder = ClosureResponder { request in
            switch request.path {
            case "/created":
                var headers: HTTPHeaders = ["Content-Type": "application/json", "Content-Length": "999"]
                headers.add("Warning", "299 - \"one\"")
                headers.add("Warning", "299 - \"two\"")
                headers.add("X-Bad", "a\r\nInjected: yes")
                return HTTPResponse(status: .created, headers: headers, body: Array("{}".utf8))
            case "/empty":
                return HTTPResponse(status: .noContent, body: Array("dropped".utf8))
            case "/weird":
                return HTTPResponse(status: HTTPStatus(42))
            default:
                return HTTPResponse(status: HTTPStatus(599), body: Array("custom".utf8))
            }
        }
        try withServer(responder: responder) { server in
            let client = try HTTPTestClient(port: server.port)
            let created = try client.send("POST", "/created", body: [])
            #expect(created.status == 201)
            #expect(created.header("Content-Type") == "application/json")
            #expect(created.header("Content-Length") == "2")
            #expect(created.headerValues("Warning") == ["299 - \"one\"", "299 - \"two\""])
            #expect(created.header("Injected") == nil)
            #expect(created.text == "{}")
            let empty = try client.send("DELETE", "/empty")
            #expect(empty.status == 204)
            #expect(empty.body.isEmpty)
            let custom = try client.send("GET", "/custom")
            #expect(custom.status == 599)
            #expect(custom.text == "custom")
            let weird = try client.send("GET", "/weird")
            #expect(weird.status == 500)
            #expect(!client.isConnectionClosed())
        }
    }

    @Test func headResponseHasTheLengthOfGetAndNoBody() throws {
        let payload = [UInt8](repeating: UInt8(ascii: "z"), count: 3000)
        let responder = ClosureResponder { _ in HTTPResponse(headers: ["Content-Type": "text/plain"], body: payload) }
        try withServer(responder: responder) { server in
            let client = try HTTPTestClient(port: server.port)
            let head = try client.send("HEAD", "/x")
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == "3000")
            #expect(head.body.isEmpty)
            // Nothing of the body may follow: the next response on the connection must parse cleanly.
            let get = try client.send("GET", "/x")
            #expect(get.status == 200)
            #expect(get.body == payload)
        }
    }

    @Test func queryIsDecodedAndPathIsKeptRaw() throws {
        try withServer { server in
            let response = try HTTPTestClient.request(
                port: server.port,
                target: "/a%2Fb/c%20d?x=1+2&y=%41%zz&&flag&e=%C3%A9&k%3D=v=w"
            )
            #expect(response.header("X-Path") == "/a%2Fb/c%20d")
            #expect(response.headerValues("X-Query") == ["x=1+2", "y=A%zz", "flag=", "e=é", "k==v=w"])
        }
    }

    @Test func absoluteFormTargetIsReducedToItsPath() throws {
        try withServer { server in
            let response = try HTTPTestClient.request(port: server.port, target: "http://example.com/abs/p?q=1")
            #expect(response.header("X-Path") == "/abs/p")
            #expect(response.headerValues("X-Query") == ["q=1"])
        }
    }

    @Test func targetThatIsNotUTF8IsABadRequest() throws {
        try withServer { server in
            let client = try HTTPTestClient(port: server.port)
            try client.sendRaw(Array("GET /".utf8) + [0xFF] + Array(" HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            let response = try client.readResponse()
            #expect(response.status == 400)
        }
    }

    @Test func requestHeadersAreAllVisibleInOrder() throws {
        try withServer { server in
            let response = try HTTPTestClient.request(
                port: server.port,
                target: "/h",
                headers: [("X-One", "1"), ("x-one", "2"), ("Authorization", "Bearer abc"), ("Cookie", "token=t1")]
            )
            let seen = response.headerValues("X-Header")
            #expect(seen.contains("X-One: 1"))
            #expect(seen.contains("x-one: 2"))
            #expect(seen.contains("Authorization: Bearer abc"))
            #expect(seen.contains("Cookie: token=t1"))
            #expect(seen.firstIndex(of: "X-One: 1")! < seen.firstIndex(of: "x-one: 2")!)
        }
    }

    @Test func cookieAndHeadersReachTheResponderParsed() throws {
        let responder = ClosureResponder { request in
            .plainText("\(request.cookie("token") ?? "-") \(request.headers["authorization"] ?? "-")")
        }
        try withServer(responder: responder) { server in
            let response = try HTTPTestClient.request(
                port: server.port,
                target: "/",
                headers: [("Cookie", "a=b; token=secret"), ("AUTHORIZATION", "Bearer x")]
            )
            #expect(response.text == "secret Bearer x")
        }
    }

    // MARK: Connections

    @Test(arguments: [false, true])
    func keepAliveServesManyRequestsOnOneConnection(turbo: Bool) throws {
        var configuration = HTTPServerConfiguration.testing()
        configuration.turbo = turbo
        try withServer(configuration) { server in
            let client = try HTTPTestClient(port: server.port)
            for index in 0..<50 {
                let method = index.isMultiple(of: 2) ? "GET" : "POST"
                let body: [UInt8]? = method == "POST" ? Array("body \(index)".utf8) : nil
                let response = try client.send(method, "/r/\(index)", body: body)
                #expect(response.status == 200)
                #expect(response.header("X-Path") == "/r/\(index)")
                #expect(response.header("Connection")?.lowercased() != "close")
                #expect(response.body == (body ?? []))
            }
            #expect(!client.isConnectionClosed())
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        try withServer { server in
            let client = try HTTPTestClient(port: server.port)
            try client.sendRaw(
                "GET /one HTTP/1.1\r\nHost: x\r\n\r\nPOST /two HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcGET /three HTTP/1.1\r\nHost: x\r\n\r\n"
            )
            #expect(try client.readResponse().header("X-Path") == "/one")
            let second = try client.readResponse()
            #expect(second.header("X-Path") == "/two")
            #expect(second.text == "abc")
            #expect(try client.readResponse().header("X-Path") == "/three")
        }
    }

    @Test func http10RequestIsAnsweredAndClosed() throws {
        try withServer { server in
            let client = try HTTPTestClient(port: server.port)
            try client.sendRaw("GET /old HTTP/1.0\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.header("X-Path") == "/old")
            #expect(client.waitForClose(timeout: 5))
        }
    }

    @Test func requestsRejectedByLibmicrohttpdLeaveNoState() throws {
        try withServer { server in
            let client = try HTTPTestClient(port: server.port)
            let huge = String(repeating: "a", count: 40_000)
            try client.sendRaw("GET /x HTTP/1.1\r\nHost: x\r\nX-Big: \(huge)\r\n\r\n")
            #expect(try client.readResponse().status == 431)
            #expect(client.waitForClose(timeout: 5))
            let malformed = try HTTPTestClient(port: server.port)
            try malformed.sendRaw("POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
            #expect(try malformed.readResponse().status == 400)
            #expect(malformed.waitForClose(timeout: 5))
            #expect(eventually { server.liveRequestStates == 0 })
        }
    }

    @Test func connectionCloseFromTheClientIsHonoured() throws {
        try withServer { server in
            let client = try HTTPTestClient(port: server.port)
            let response = try client.send("GET", "/bye", headers: [("Connection", "close")])
            #expect(response.status == 200)
            #expect(client.waitForClose(timeout: 5))
        }
    }

    // MARK: Bodies

    @Test func chunkedBodyArrivingInSmallPiecesIsAssembled() throws {
        try withServer { server in
            let client = try HTTPTestClient(port: server.port)
            try client.sendRaw("PUT /chunked HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
            var expected: [UInt8] = []
            for index in 0..<40 {
                let piece = Array("piece-\(index);".utf8)
                expected += piece
                let encoded = Array(String(piece.count, radix: 16).utf8) + [13, 10] + piece + [13, 10]
                // Split each chunk across writes, even inside the size line.
                for part in stride(from: 0, to: encoded.count, by: 5) {
                    try client.sendRaw(Array(encoded[part..<min(part + 5, encoded.count)]))
                }
                if index.isMultiple(of: 8) { usleep(1_000) }  // let some pieces arrive as separate reads
            }
            try client.sendRaw("0\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.body == expected)
            #expect(response.header("X-Header") != nil)
            #expect(!client.isConnectionClosed())
        }
    }

    @Test func contentLengthBodyArrivingByteByByteIsAssembled() throws {
        try withServer { server in
            let client = try HTTPTestClient(port: server.port)
            let body = Array("0123456789abcdefghij".utf8)
            try client.sendRaw("POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.count)\r\n\r\n")
            for byte in body {
                try client.sendRaw([byte])
            }
            let response = try client.readResponse()
            #expect(response.body == body)
        }
    }

    @Test func bodyExactlyAtTheLimitIsAccepted() throws {
        try withServer(.testing(maxBodySize: 1000)) { server in
            let client = try HTTPTestClient(port: server.port)
            let body = [UInt8](repeating: 7, count: 1000)
            let fixed = try client.send("POST", "/limit", body: body)
            #expect(fixed.status == 200)
            #expect(fixed.body == body)
            try client.sendRaw("POST /limit HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
            try client.sendRaw(Array("1f4\r\n".utf8) + body[..<500] + Array("\r\n1f4\r\n".utf8) + body[500...] + [13, 10])
            try client.sendRaw("0\r\n\r\n")
            let chunked = try client.readResponse()
            #expect(chunked.status == 200)
            #expect(chunked.body == body)
        }
    }

    @Test func declaredLengthOneByteOverTheLimitGets413AndTheConnectionCloses() throws {
        try withServer(.testing(maxBodySize: 1000)) { server in
            let client = try HTTPTestClient(port: server.port)
            let response = try client.send(
                "POST",
                "/big",
                headers: [("X-Test", "seen")],
                body: [UInt8](repeating: 1, count: 1001)
            )
            #expect(response.status == 413)
            #expect(response.text == "too large: limit 1000 path /big body 0 x=seen")
            #expect(response.header("Connection")?.lowercased() == "close")
            #expect(client.waitForClose(timeout: 5))
        }
    }

    /// The FIN comes in the same segment as the last bytes of an unfinished request: the server must close at once,
    /// not hold the connection until its timeout (libmicrohttpd's edge-triggered epoll missed such a FIN).
    @Test(arguments: [
        "GET /unfinished", "POST /short HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nshort",
        "POST /chunks HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc", "\r\n\r\n",
    ])
    func finWithAnUnfinishedRequestClosesTheConnectionAtOnce(partial: String) throws {
        try withServer { server in
            let outcome = try RawExchange.run(port: server.port, partial, halfClose: true, timeout: 5)
            #expect(outcome.closed)
            #expect(outcome.bytes.isEmpty)
            #expect(eventually { server.liveRequestStates == 0 })
        }
    }

    @Test func conflictingContentLengthsAreABadRequestAndTheConnectionCloses() throws {
        try withServer { server in
            let client = try HTTPTestClient(port: server.port)
            try client.sendRaw("POST /smuggle HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 2\r\n\r\nabcd")
            let response = try client.readResponse()
            #expect(response.status == 400)
            #expect(response.text == "conflicting Content-Length headers\n")
            #expect(client.waitForClose(timeout: 5))
        }
    }

    @Test(arguments: [
        ("Transfer-Encoding: gzip", 400), ("Transfer-Encoding: chunked, gzip", 400), ("Transfer-Encoding: chunked\r\nContent-Length: 4", 400),
        ("Transfer-Encoding: gzip, chunked", 501), ("Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked", 501),
    ])
    func transferEncodingsWhoseFramingIsUnclearAreRefusedAndTheConnectionCloses(header: String, status: Int) throws {
        try withServer { server in
            let client = try HTTPTestClient(port: server.port)
            try client.sendRaw("POST /te HTTP/1.1\r\nHost: x\r\n\(header)\r\n\r\n4\r\nabcd\r\n0\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == status)
            #expect(client.waitForClose(timeout: 5))
        }
    }

    @Test func chunkedInAnyCaseIsStillAccepted() throws {
        try withServer { server in
            let client = try HTTPTestClient(port: server.port)
            try client.sendRaw("POST /te HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked\r\n\r\n4\r\nabcd\r\n0\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "abcd")
        }
    }

    @Test func repeatedEqualContentLengthsAreAccepted() throws {
        try withServer { server in
            let client = try HTTPTestClient(port: server.port)
            try client.sendRaw("POST /same HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 4\r\n\r\nabcd")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "abcd")
        }
    }

    @Test func declaredLengthOverTheLimitIsAnsweredBeforeTheBodyIsSent() throws {
        try withServer(.testing(maxBodySize: 1000)) { server in
            let client = try HTTPTestClient(port: server.port)
            try client.sendRaw("POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: 50000000\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 413)
            #expect(client.waitForClose(timeout: 5))
        }
    }

    @Test func chunkedBodyOneByteOverTheLimitGets413() throws {
        try withServer(.testing(maxBodySize: 1000)) { server in
            let client = try HTTPTestClient(port: server.port)
            try client.sendRaw("POST /big HTTP/1.1\r\nHost: x\r\nX-Test: chunked\r\nTransfer-Encoding: chunked\r\n\r\n")
            try client.sendRaw(Array("3e8\r\n".utf8) + [UInt8](repeating: 2, count: 1000) + Array("\r\n".utf8))
            try client.sendRaw(Array("1\r\nx\r\n0\r\n\r\n".utf8))
            let response = try client.readResponse()
            #expect(response.status == 413)
            #expect(response.text == "too large: limit 1000 path /big body 0 x=chunked")
            #expect(client.waitForClose(timeout: 5))
            #expect(eventually { server.liveRequestStates == 0 })
        }
    }

    @Test func endlessChunkedBodyIsCutOff() throws {
        try withServer(.testing(maxBodySize: 1000)) { server in
            let client = try HTTPTestClient(port: server.port)
            try client.sendRaw("POST /big HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
            let chunk = Array("10000\r\n".utf8) + [UInt8](repeating: 3, count: 0x10000) + Array("\r\n".utf8)
            var sent = 0
            while sent < 8 << 20 {
                do { try client.sendRaw(chunk) } catch { break }  // the server may reset the connection
                sent += 0x10000
            }
            #expect(client.waitForClose(timeout: 5))
            #expect(eventually { server.liveRequestStates == 0 })
        }
    }

    @Test func defaultOversizeAnswerIsPlainText413() throws {
        try withServer(.testing(maxBodySize: 10), responder: DefaultOversizeResponder()) { server in
            let response = try HTTPTestClient.request(
                port: server.port,
                method: "POST",
                target: "/",
                body: [UInt8](repeating: 0, count: 11)
            )
            #expect(response.status == 413)
            #expect(response.header("Content-Type") == "text/plain; charset=utf-8")
            #expect(response.text.contains("10 bytes"))
        }
    }

    @Test func expectContinueGets100BeforeTheBody() throws {
        try withServer { server in
            let client = try HTTPTestClient(port: server.port)
            try client.sendRaw("PUT /e HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
            let interim = try client.readResponse(includeInformational: true)
            #expect(interim.status == 100)
            try client.sendRaw("hello")
            let final = try client.readResponse()
            #expect(final.status == 200)
            #expect(final.text == "hello")
        }
    }

    @Test func expectContinueOverTheLimitGets413Without100() throws {
        try withServer(.testing(maxBodySize: 10)) { server in
            let client = try HTTPTestClient(port: server.port)
            try client.sendRaw("PUT /e HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\nExpect: 100-continue\r\n\r\n")
            let response = try client.readResponse(includeInformational: true)
            #expect(response.status == 413)
        }
    }

    // MARK: Lifecycle

    @Test func portZeroGivesARealPort() throws {
        try withServer { server in
            #expect(server.port > 0 && server.port != 8080)
            #expect(server.isRunning)
            #expect(server.baseURL == "http://127.0.0.1:\(server.port)")
            #expect(isListening(port: server.port))
        }
    }

    @Test func secondServerOnTheSamePortFailsWithAddressInUse() throws {
        try withServer { first in
            var configuration = HTTPServerConfiguration.testing()
            configuration.port = first.port
            let second = HTTPServer(configuration: configuration, responder: echo)
            defer { second.stop() }
            let error = #expect(throws: HTTPServerError.self) { try second.start() }
            #expect(error?.kind == .addressInUse)
            #expect(error?.message == "address 127.0.0.1:\(first.port) is already in use")
            #expect(!second.isRunning)
            let still = try HTTPTestClient.request(port: first.port, target: "/still")
            #expect(still.status == 200)
        }
    }

    @Test func startingTwiceFails() throws {
        try withServer { server in
            let error = #expect(throws: HTTPServerError.self) { try server.start() }
            #expect(error?.kind == .alreadyRunning)
        }
    }

    @Test func hostThatDoesNotResolveIsAnInvalidAddress() {
        for host in ["no-such-host.invalid", "256.1.1.1", "192.0.2.1"] {
            let server = HTTPServer(configuration: .init(host: host, port: 0), responder: echo)
            defer { server.stop() }
            let error = #expect(throws: HTTPServerError.self) { try server.start() }
            #expect(error?.kind == .invalidAddress, "\(host): \(String(describing: error))")
        }
        let outOfRange = HTTPServer(configuration: .init(port: 70000), responder: echo)
        #expect(throws: HTTPServerError.self) { try outOfRange.start() }
    }

    @Test(arguments: ["::1", "localhost", "0.0.0.0"])
    func serverListensOnIPv6LiteralsAndNames(_ host: String) throws {
        var configuration = HTTPServerConfiguration.testing()
        configuration.host = host
        try withServer(configuration) { server in
            let clientHost = host == "0.0.0.0" ? "127.0.0.1" : host
            let response = try HTTPTestClient.request(host: clientHost, port: server.port, target: "/six")
            #expect(response.status == 200)
            #expect(server.host == host)
        }
    }

    @Test func stopIsIdempotentAndFreesThePort() throws {
        let server = HTTPServer(configuration: .testing(), responder: echo)
        server.stop()  // never started: nothing to do
        try server.start()
        let port = server.port
        let client = try HTTPTestClient(port: port)
        #expect(try client.send("GET", "/").status == 200)
        server.stop()
        server.stop()
        #expect(!server.isRunning)
        #expect(client.waitForClose(timeout: 5))
        #expect(!isListening(port: port))

        var configuration = HTTPServerConfiguration.testing()
        configuration.port = port
        let successor = HTTPServer(configuration: configuration, responder: echo)
        try successor.start()
        defer { successor.stop() }
        #expect(successor.port == port)
        #expect(try HTTPTestClient.request(port: port, target: "/again").status == 200)
    }

    @Test func stoppedServerCanStartAgain() throws {
        let server = HTTPServer(configuration: .testing(), responder: echo)
        try server.start()
        server.stop()
        try server.start()
        defer { server.stop() }
        #expect(try HTTPTestClient.request(port: server.port, target: "/").status == 200)
    }

    @Test func requestStatesAreReleasedWhenStoppingWithAHalfSentBody() throws {
        let server = HTTPServer(configuration: .testing(), responder: echo)
        try server.start()
        defer { server.stop() }
        let halfSent = try HTTPTestClient(port: server.port)
        try halfSent.sendRaw("POST /half HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789")
        let idle = try HTTPTestClient(port: server.port)
        #expect(try idle.send("GET", "/").status == 200)
        #expect(eventually { server.liveRequestStates == 1 })
        server.stop()
        #expect(server.liveRequestStates == 0)
        #expect(halfSent.waitForClose(timeout: 5))
        #expect(idle.waitForClose(timeout: 5))
    }

    @Test func connectionTimeoutClosesAnIdleHalfSentRequest() throws {
        try withServer(.testing(connectionTimeout: 1)) { server in
            let client = try HTTPTestClient(port: server.port)
            try client.sendRaw("POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc")
            #expect(eventually { server.liveRequestStates == 1 })
            let started = monotonicSeconds()
            #expect(client.waitForClose(timeout: 5))
            #expect(monotonicSeconds() - started < 4)
            #expect(eventually { server.liveRequestStates == 0 })
        }
    }

    @Test func manyConcurrentClientsAreAllAnswered() async throws {
        var configuration = HTTPServerConfiguration.testing()
        configuration.threadPoolSize = 2
        let server = HTTPServer(configuration: configuration, responder: echo)
        try server.start()
        defer { server.stop() }
        let port = server.port
        try await withThrowingTaskGroup(of: Int.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    let client = try HTTPTestClient(port: port)
                    var answered = 0
                    for index in 0..<25 {
                        let body = Array("w\(worker)-\(index)".utf8)
                        let response = try client.send("POST", "/c/\(worker)", body: body)
                        if response.status == 200 && response.body == body { answered += 1 }
                    }
                    return answered
                }
            }
            var total = 0
            for try await answered in group { total += answered }
            #expect(total == 200)
        }
        #expect(eventually { server.liveRequestStates == 0 })
    }
}

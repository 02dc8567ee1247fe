import Glibc
import KKPTesting
import MicroHTTP
import Synchronization
import Testing

/// `HTTPResponse.deferred(by:_:)`: the answer is held back without holding a worker thread.
@Suite struct DeferredResponseTests {
    /// `/slow?ms=N` is deferred by N ms and answers `slow`; anything else answers `fast` at once.
    static let responder = ClosureResponder { request in
        guard request.path == "/slow" else { return .plainText("fast") }
        let milliseconds = Int(request.queryValue("ms") ?? "") ?? 0
        let received = monotonicSeconds()
        return .deferred(by: .milliseconds(milliseconds)) {
            .plainText("slow", headers: ["X-Waited-Ms": String(Int((monotonicSeconds() - received) * 1000))])
        }
    }

    @Test func deferredResponseIsSentAfterTheDelayOnAKeptAliveConnection() throws {
        try withServer(responder: Self.responder) { server in
            let client = try HTTPTestClient(port: server.port)
            let slow = try client.send("GET", "/slow?ms=50")
            #expect(slow.status == 200)
            #expect(slow.text == "slow")
            #expect(Int(slow.header("X-Waited-Ms") ?? "") ?? 0 >= 50)
            let again = try client.send("GET", "/other")
            #expect(again.text == "fast")
            #expect(!client.isConnectionClosed())
            #expect(server.suspendedConnections == 0)
        }
    }

    /// One worker thread, three requests waiting: a fourth request is answered while all three still wait.
    @Test func waitingRequestsDoNotHoldTheOnlyWorkerThread() throws {
        try withServer(responder: Self.responder) { server in
            let waiting = try (0..<3).map { _ in try HTTPTestClient(port: server.port) }
            for client in waiting { try client.sendRaw("GET /slow?ms=10000 HTTP/1.1\r\nHost: x\r\n\r\n") }
            #expect(eventually { server.suspendedConnections == 3 })
            let fast = try HTTPTestClient.request(port: server.port, target: "/fast")
            #expect(fast.text == "fast")
            #expect(server.suspendedConnections == 3)
            for client in waiting { #expect(!client.isConnectionClosed()) }
        }
    }

    /// Stopping with suspended connections resumes them first (libmicrohttpd must not stop with any suspended), and
    /// releases every request state.
    @Test func stoppingWithWaitingRequestsResumesAndReleasesThem() throws {
        let server = HTTPServer(configuration: .testing(), responder: Self.responder)
        try server.start()
        let waiting = try (0..<2).map { _ in try HTTPTestClient(port: server.port) }
        for client in waiting { try client.sendRaw("GET /slow?ms=60000 HTTP/1.1\r\nHost: x\r\n\r\n") }
        #expect(eventually { server.suspendedConnections == 2 })
        server.stop()
        #expect(server.suspendedConnections == 0)
        #expect(server.liveRequestStates == 0)
        for client in waiting { #expect(client.waitForClose(timeout: 5)) }
        // The server can start again and defer again.
        try server.start()
        defer { server.stop() }
        let again = try HTTPTestClient.request(port: server.port, target: "/slow?ms=1")
        #expect(again.text == "slow")
    }

    @Test func zeroDelayIsAnsweredToo() throws {
        try withServer(responder: Self.responder) { server in
            let response = try HTTPTestClient.request(port: server.port, target: "/slow?ms=0")
            #expect(response.text == "slow")
        }
    }

    @Test func deferredAnswerToAnOversizedBodyIsProducedAtOnce() throws {
        struct Responder: HTTPResponder {
            func respond(to request: HTTPRequest) -> HTTPResponse { .plainText("ok") }
            func respondToOversizedBody(_ request: HTTPRequest, limit: Int) -> HTTPResponse {
                .deferred(by: .seconds(60)) { .plainText("too large", status: .payloadTooLarge) }
            }
        }
        try withServer(.testing(maxBodySize: 4), responder: Responder()) { server in
            let response = try HTTPTestClient.request(port: server.port, method: "POST", target: "/", body: Array("too long".utf8))
            #expect(response.status == 413)
            #expect(response.text == "too large")
        }
    }
}

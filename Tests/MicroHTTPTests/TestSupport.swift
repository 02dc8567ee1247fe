import Glibc
import MicroHTTP

/// A responder made of closures, so each test says what it answers.
struct ClosureResponder: HTTPResponder {
    let handler: @Sendable (HTTPRequest) -> HTTPResponse

    func respond(to request: HTTPRequest) -> HTTPResponse {
        handler(request)
    }

    /// Answers 413 with the limit and the path, so tests can tell it was called with the request's headers.
    func respondToOversizedBody(_ request: HTTPRequest, limit: Int) -> HTTPResponse {
        .plainText(
            "too large: limit \(limit) path \(request.path) body \(request.body.count) x=\(request.headers["X-Test"] ?? "-")",
            status: .payloadTooLarge
        )
    }
}

/// A responder that keeps the default `respondToOversizedBody`.
struct DefaultOversizeResponder: HTTPResponder {
    func respond(to request: HTTPRequest) -> HTTPResponse {
        .plainText("ok")
    }
}

/// The echo used by most server tests: the body back, and the request described in headers.
let echo = ClosureResponder { request in
    var headers: HTTPHeaders = [
        "X-Method": request.method.rawValue,
        "X-Path": request.path,
        "X-Body-Count": String(request.body.count),
    ]
    for (name, value) in request.query {
        headers.add("X-Query", "\(name)=\(value)")
    }
    for (name, value) in request.headers {
        headers.add("X-Header", "\(name): \(value)")
    }
    return HTTPResponse(status: .ok, headers: headers, body: request.body)
}

extension HTTPServerConfiguration {
    /// A small configuration for tests: any free port on loopback, one worker thread.
    static func testing(maxBodySize: Int = 1 << 20, connectionTimeout: Int = 10) -> HTTPServerConfiguration {
        HTTPServerConfiguration(
            host: "127.0.0.1",
            port: 0,
            maxBodySize: maxBodySize,
            connectionTimeout: connectionTimeout,
            threadPoolSize: 1
        )
    }
}

/// Starts a server on a free port, runs `body`, and stops the server however `body` ends.
func withServer<T>(
    _ configuration: HTTPServerConfiguration = .testing(),
    responder: any HTTPResponder = echo,
    _ body: (HTTPServer) throws -> T
) throws -> T {
    let server = HTTPServer(configuration: configuration, responder: responder)
    try server.start()
    defer { server.stop() }
    return try body(server)
}

/// Polls `condition` every few milliseconds until it holds or `timeout` seconds pass.
func eventually(timeout: Double = 5, _ condition: () -> Bool) -> Bool {
    let deadline = monotonicSeconds() + timeout
    while true {
        if condition() { return true }
        if monotonicSeconds() > deadline { return false }
        usleep(2_000)
    }
}

func monotonicSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Whether something accepts TCP connections on 127.0.0.1:`port`.
func isListening(port: Int) -> Bool {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
        }
    }
}

internal import Glibc
import KKPCore

/// A small blocking HTTP/1.1 client over one raw TCP connection, for tests.
///
/// It keeps its connection between requests and never reconnects, so tests can see when the server closes it
/// (`isConnectionClosed()`, `waitForClose(timeout:)`). Every read has a timeout (10 s by default), so a test
/// fails instead of hanging. `sendRaw` writes exactly the bytes given, to test framing, chunking and pipelining.
public final class HTTPTestClient {
    /// The host connected to.
    public let host: String
    /// The port connected to.
    public let port: Int
    private var descriptor: Int32
    private var received: [UInt8] = []
    private var peerClosed = false

    /// Connects to `host:port` (an IPv4 or IPv6 literal or a host name).
    ///
    /// - Parameter timeout: seconds a read or write may block before it fails with `HTTPTestClientError`.
    /// - Throws: `HTTPTestClientError` when the host does not resolve or nothing accepts the connection.
    public init(host: String = "127.0.0.1", port: Int, timeout: Double = 10) throws {
        self.host = host
        self.port = port
        self.descriptor = try Self.connect(host: host, port: port, timeout: timeout)
    }

    deinit {
        close()
    }

    /// Sends a request and reads its response.
    ///
    /// Adds `Host` unless `headers` has one, and `Content-Length` when there is a body and `headers` has neither
    /// `Content-Length` nor `Transfer-Encoding` (a body sent with `Transfer-Encoding` must then be encoded by the
    /// caller). The response to `HEAD` is read without a body.
    /// - Throws: `HTTPTestClientError` on a write failure, a timeout, or a connection closed before the response.
    public func send(
        _ method: String,
        _ target: String,
        headers: [(String, String)] = [],
        body: [UInt8]? = nil
    ) throws -> TestResponse {
        try sendRaw(Self.encodeRequest(method, target, host: host, port: port, headers: headers, body: body))
        return try readResponse(headRequest: method == "HEAD")
    }

    /// Writes bytes exactly as given.
    /// - Throws: `HTTPTestClientError` when the connection is closed or the write times out.
    public func sendRaw(_ bytes: [UInt8]) throws {
        guard descriptor >= 0 else { throw HTTPTestClientError("the client is closed") }
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent < 0 {
                if errno == EINTR { continue }
                throw HTTPTestClientError("send failed: \(String(cString: strerror(errno)))")
            }
            offset += sent
        }
    }

    /// Writes the UTF-8 bytes of `text` exactly as given (write `\r\n` line ends yourself).
    /// - Throws: `HTTPTestClientError` when the connection is closed or the write times out.
    public func sendRaw(_ text: String) throws {
        try sendRaw(Array(text.utf8))
    }

    /// Reads one response.
    ///
    /// - Parameters:
    ///   - headRequest: the response answers a `HEAD` request, so it has no body whatever its headers say.
    ///   - includeInformational: return a 1xx response (such as `100 Continue`) instead of skipping it.
    /// - Throws: `HTTPTestClientError` on a timeout, a malformed response, or a connection closed too early.
    public func readResponse(headRequest: Bool = false, includeInformational: Bool = false) throws -> TestResponse {
        while true {
            var response = try readHead()
            if (100..<200).contains(response.status) {
                if includeInformational { return response }
                continue
            }
            if headRequest || response.status == 204 || response.status == 304 {
                return response
            }
            if let encoding = response.header("Transfer-Encoding"), encoding.lowercased().contains("chunked") {
                response.body = try readChunkedBody()
            } else if let lengthText = response.header("Content-Length") {
                guard let length = Int(lengthText.trimmingBlanks()), length >= 0 else {
                    throw HTTPTestClientError("bad Content-Length '\(lengthText)'")
                }
                response.body = try readExactly(length)
            } else {
                while try fill() {}
                response.body = received
                received = []
            }
            return response
        }
    }

    /// Whether the server has closed the connection, checked without blocking.
    ///
    /// Bytes the server sent before closing are kept for `readResponse`.
    public func isConnectionClosed() -> Bool {
        if peerClosed || descriptor < 0 { return true }
        return (try? poll(milliseconds: 0)) ?? true
    }

    /// Waits until the server closes the connection; `false` when it is still open after `timeout` seconds.
    public func waitForClose(timeout: Double = 10) -> Bool {
        let deadline = Self.now() + timeout
        while !peerClosed && descriptor >= 0 {
            let remaining = deadline - Self.now()
            if remaining <= 0 { return false }
            guard let closed = try? poll(milliseconds: Int32(min(remaining, 1) * 1000) + 1) else { return true }
            if closed { return true }
        }
        return true
    }

    /// Closes the connection; calling it again does nothing.
    public func close() {
        if descriptor >= 0 {
            _ = Glibc.close(descriptor)
            descriptor = -1
        }
    }

    /// Sends one request on a new connection, reads the response and closes the connection.
    /// - Throws: `HTTPTestClientError` as `init` and `send` do.
    public static func request(
        host: String = "127.0.0.1",
        port: Int,
        method: String = "GET",
        target: String,
        headers: [(String, String)] = [],
        body: [UInt8]? = nil
    ) throws -> TestResponse {
        let client = try HTTPTestClient(host: host, port: port)
        defer { client.close() }
        return try client.send(method, target, headers: headers, body: body)
    }

    // MARK: - Reading

    /// Waits up to `milliseconds` for the socket to become readable, reads what is there into `received`, and
    /// answers whether the peer has closed the connection.
    private func poll(milliseconds: Int32) throws -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = Glibc.poll(&entry, 1, milliseconds)
        if ready <= 0 { return false }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
        if count > 0 {
            received.append(contentsOf: chunk[..<count])
            return false
        }
        if count == 0 || errno == ECONNRESET {
            peerClosed = true
            return true
        }
        return false
    }

    /// Reads more bytes into `received`; `false` at the end of the stream.
    private func fill() throws -> Bool {
        guard descriptor >= 0 else { throw HTTPTestClientError("the client is closed") }
        if peerClosed { return false }
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                received.append(contentsOf: chunk[..<count])
                return true
            }
            if count == 0 {
                peerClosed = true
                return false
            }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: throw HTTPTestClientError("timed out waiting for the server")
            case ECONNRESET:
                peerClosed = true
                return false
            default: throw HTTPTestClientError("recv failed: \(String(cString: strerror(errno)))")
            }
        }
    }

    private func readHead() throws -> TestResponse {
        let terminator: [UInt8] = [13, 10, 13, 10]
        var searchFrom = 0
        while true {
            if received.count >= 4, let end = Self.find(terminator, in: received, from: searchFrom) {
                let head = String(decoding: received[..<end], as: UTF8.self)
                received.removeFirst(end + 4)
                return try Self.parseHead(head)
            }
            searchFrom = max(0, received.count - 3)
            guard try fill() else {
                throw HTTPTestClientError(
                    received.isEmpty ? "the server closed the connection" : "the server closed the connection mid-response"
                )
            }
        }
    }

    private func readExactly(_ count: Int) throws -> [UInt8] {
        while received.count < count {
            guard try fill() else { throw HTTPTestClientError("the server closed the connection mid-body") }
        }
        let bytes = Array(received[..<count])
        received.removeFirst(count)
        return bytes
    }

    private func readLine() throws -> String {
        while true {
            if let end = Self.find([13, 10], in: received, from: 0) {
                let line = String(decoding: received[..<end], as: UTF8.self)
                received.removeFirst(end + 2)
                return line
            }
            guard try fill() else { throw HTTPTestClientError("the server closed the connection mid-body") }
        }
    }

    private func readChunkedBody() throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let line = try readLine()
            let sizeText = line.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
            guard let size = Int(sizeText.trimmingBlanks(), radix: 16), size >= 0 else {
                throw HTTPTestClientError("bad chunk size line '\(line)'")
            }
            if size == 0 {
                while try !readLine().isEmpty {}  // trailers
                return body
            }
            body += try readExactly(size)
            guard try readLine().isEmpty else { throw HTTPTestClientError("missing CRLF after a chunk") }
        }
    }

    // MARK: - Helpers

    private static func parseHead(_ head: String) throws -> TestResponse {
        let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        guard let statusLine = lines.first, statusLine.hasPrefix("HTTP/") else {
            throw HTTPTestClientError("bad status line in '\(head)'")
        }
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, let status = Int(parts[1]) else {
            throw HTTPTestClientError("bad status line '\(statusLine)'")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else {
                throw HTTPTestClientError("bad header line '\(line)'")
            }
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingBlanks()))
        }
        return TestResponse(status: status, reason: parts.count > 2 ? String(parts[2]) : "", headers: headers)
    }

    static func encodeRequest(
        _ method: String,
        _ target: String,
        host: String,
        port: Int,
        headers: [(String, String)],
        body: [UInt8]?
    ) -> [UInt8] {
        func has(_ name: String) -> Bool { headers.contains { $0.0.lowercased() == name.lowercased() } }
        var head = "\(method) \(target) HTTP/1.1\r\n"
        if !has("Host") {
            head += host.contains(":") ? "Host: [\(host)]:\(port)\r\n" : "Host: \(host):\(port)\r\n"
        }
        for (name, value) in headers {
            head += "\(name): \(value)\r\n"
        }
        if let body, !has("Content-Length"), !has("Transfer-Encoding") {
            head += "Content-Length: \(body.count)\r\n"
        }
        head += "\r\n"
        return Array(head.utf8) + (body ?? [])
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        outer: for index in start...(haystack.count - needle.count) {
            for offset in 0..<needle.count where haystack[index + offset] != needle[offset] {
                continue outer
            }
            return index
        }
        return nil
    }

    private static func connect(host: String, port: Int, timeout: Double) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0 else {
            throw HTTPTestClientError("cannot resolve \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var lastError = "no address"
        var entry = list
        while let current = entry {
            entry = current.pointee.ai_next
            let descriptor = socket(current.pointee.ai_family, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
            guard descriptor >= 0 else { continue }
            var interval = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1_000_000))
            _ = setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
            _ = setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
            var one: Int32 = 1
            _ = setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            if Glibc.connect(descriptor, current.pointee.ai_addr, current.pointee.ai_addrlen) == 0 {
                return descriptor
            }
            lastError = String(cString: strerror(errno))
            _ = Glibc.close(descriptor)
        }
        throw HTTPTestClientError("cannot connect to \(host):\(port): \(lastError)")
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

@available(*, unavailable)
extension HTTPTestClient: Sendable {}

/// A failure of `HTTPTestClient`: resolution, connection, timeout, or a malformed or cut-off response.
public struct HTTPTestClientError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}

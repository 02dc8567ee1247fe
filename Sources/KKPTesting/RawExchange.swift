import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One exchange on a raw TCP connection: send bytes (in pieces, optionally half-closing), then read what the server
/// sends until a whole response is in, the server closes the connection, or `timeout` passes.
///
/// For input that is not a well-formed request, where the server may answer, close, or both.
public struct RawExchange {
    /// What came back.
    public struct Outcome {
        /// Every byte received.
        public var bytes: [UInt8]
        /// Whether the server closed the connection (EOF or reset) within the timeout.
        public var closed: Bool
        /// An outcome.
        public init(bytes: [UInt8], closed: Bool) {
            self.bytes = bytes
            self.closed = closed
        }
        /// The status of the first response, if one came.
        public var status: Int? {
            let text = String(decoding: bytes.prefix(16), as: UTF8.self)
            guard text.hasPrefix("HTTP/1.") else { return nil }
            let parts = text.split(separator: " ")
            return parts.count > 1 ? Int(parts[1]) : nil
        }
        /// The first response, parsed (nil when none came whole).
        public var response: TestResponse? {
            guard let end = bytes.firstRange(of: [13, 10, 13, 10]) else { return nil }
            let head = String(decoding: bytes[..<end.lowerBound], as: UTF8.self).split(separator: "\r\n")
            guard let status else { return nil }
            var headers: [(name: String, value: String)] = []
            for line in head.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
            var body = Array(bytes[end.upperBound...])
            if let length = headers.first(where: { $0.name.lowercased() == "content-length" }).flatMap({ Int($0.value) }) {
                guard body.count >= length else { return nil }
                body = Array(body.prefix(length))
            }
            return TestResponse(status: status, headers: headers, body: body)
        }
    }

    /// Sends `pieces` one after the other (a failed send, when the server has closed, ends sending), half-closes
    /// when `halfClose`, and reads until EOF or `timeout` seconds.
    public static func run(port: Int, _ pieces: [[UInt8]], halfClose: Bool = true, timeout: Double = 5) throws -> Outcome {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw HTTPTestClientError("socket failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw HTTPTestClientError("connect failed: \(String(cString: strerror(errno)))") }
        var sendFailed = false
        for piece in pieces where !sendFailed {
            var offset = 0
            while offset < piece.count {
                let sent = piece[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if sent < 0 {
                    if errno == EINTR { continue }
                    sendFailed = true
                    break
                }
                offset += sent
            }
        }
        if halfClose { shutdown(fd, Int32(SHUT_WR)) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return Outcome(bytes: bytes, closed: false) }
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&entry, 1, Int32(remaining * 1000) + 1) <= 0 { continue }
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                bytes += chunk[..<count]
                // A whole answer is enough; the server may keep the connection open after it.
                if Outcome(bytes: bytes, closed: false).response != nil { return Outcome(bytes: bytes, closed: false) }
            } else if count == 0 || errno == ECONNRESET {
                return Outcome(bytes: bytes, closed: true)
            } else if errno != EINTR && errno != EAGAIN {
                return Outcome(bytes: bytes, closed: true)
            }
        }
    }

    /// `run` with one piece.
    public static func run(port: Int, _ bytes: [UInt8], halfClose: Bool = true, timeout: Double = 5) throws -> Outcome {
        try run(port: port, [bytes], halfClose: halfClose, timeout: timeout)
    }

    /// `run` with text.
    public static func run(port: Int, _ text: String, halfClose: Bool = true, timeout: Double = 5) throws -> Outcome {
        try run(port: port, [Array(text.utf8)], halfClose: halfClose, timeout: timeout)
    }
}

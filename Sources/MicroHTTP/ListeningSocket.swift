internal import Glibc

/// A TCP socket bound to an address and listening, ready to be handed to libmicrohttpd.
struct ListeningSocket {
    /// The file descriptor (non-blocking, close-on-exec).
    let descriptor: Int32
    /// The bound port, read back with `getsockname` (so a configured 0 becomes the real port).
    let port: Int
    /// The bound address as text, such as `127.0.0.1` or `::1`.
    let address: String

    /// Resolves `host`, then binds and listens on the first address that works, IPv4 before IPv6.
    ///
    /// An empty host or `*` means every local address.
    /// - Throws: `HTTPServerError` with `.addressInUse`, `.permissionDenied`, `.invalidAddress` or `.startFailed`.
    /// The corresponding C functions are `getaddrinfo`, `socket`, `setsockopt(SO_REUSEADDR)`, `bind`, `listen`
    /// and `getsockname`.
    static func open(host: String, port: Int, backlog: Int32 = SOMAXCONN) throws(HTTPServerError) -> ListeningSocket {
        guard (0...65535).contains(port) else {
            throw HTTPServerError(.invalidAddress, "port \(port) is out of range (0-65535)")
        }
        let addresses = try resolve(host: host, port: port)
        var firstError: HTTPServerError?
        for var address in addresses {
            do {
                return try bindAndListen(&address, backlog: backlog)
            } catch {
                firstError = firstError ?? error
            }
        }
        throw firstError ?? HTTPServerError(.invalidAddress, "host '\(host)' has no usable address")
    }

    /// The addresses `host` resolves to for a passive TCP socket, IPv4 ones first.
    private static func resolve(host: String, port: Int) throws(HTTPServerError) -> [sockaddr_storage] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        let node: String? = (host.isEmpty || host == "*") ? nil : host
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(node, String(port), &hints, &list)
        guard status == 0 else {
            throw HTTPServerError(.invalidAddress, "cannot resolve host '\(host)': \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var ipv4: [sockaddr_storage] = []
        var ipv6: [sockaddr_storage] = []
        var entry = list
        while let current = entry {
            if let address = current.pointee.ai_addr {
                var storage = sockaddr_storage()
                withUnsafeMutableBytes(of: &storage) { destination in
                    destination.copyMemory(
                        from: UnsafeRawBufferPointer(start: address, count: Int(current.pointee.ai_addrlen))
                    )
                }
                if current.pointee.ai_family == AF_INET {
                    ipv4.append(storage)
                } else if current.pointee.ai_family == AF_INET6 {
                    ipv6.append(storage)
                }
            }
            entry = current.pointee.ai_next
        }
        return ipv4 + ipv6
    }

    private static func bindAndListen(
        _ address: inout sockaddr_storage,
        backlog: Int32
    ) throws(HTTPServerError) -> ListeningSocket {
        let family = Int32(address.ss_family)
        let length = socklen_t(family == AF_INET6 ? MemoryLayout<sockaddr_in6>.size : MemoryLayout<sockaddr_in>.size)
        let text = describe(address)
        let descriptor = socket(family, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else {
            throw HTTPServerError(.startFailed, "cannot create a socket for \(text): \(errorText(errno))")
        }
        var one: Int32 = 1
        _ = setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else {
            let code = errno
            close(descriptor)
            switch code {
            case EADDRINUSE:
                throw HTTPServerError(.addressInUse, "address \(text) is already in use")
            case EACCES, EPERM:
                throw HTTPServerError(.permissionDenied, "no permission to listen on \(text)")
            case EADDRNOTAVAIL:
                throw HTTPServerError(.invalidAddress, "address \(text) is not an address of this machine")
            default:
                throw HTTPServerError(.startFailed, "cannot bind \(text): \(errorText(code))")
            }
        }
        guard listen(descriptor, backlog) == 0 else {
            let code = errno
            close(descriptor)
            if code == EADDRINUSE {
                throw HTTPServerError(.addressInUse, "address \(text) is already in use")
            }
            throw HTTPServerError(.startFailed, "cannot listen on \(text): \(errorText(code))")
        }
        var boundAddress = sockaddr_storage()
        var boundLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &boundAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &boundLength) }
        }
        guard named == 0 else {
            let code = errno
            close(descriptor)
            throw HTTPServerError(.startFailed, "cannot read the bound address of \(text): \(errorText(code))")
        }
        return ListeningSocket(descriptor: descriptor, port: port(of: boundAddress), address: host(of: boundAddress))
    }

    /// The device and inode of an open descriptor, to tell whether a descriptor number still names the same socket.
    static func identity(of descriptor: Int32) -> [UInt]? {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        return [UInt(status.st_dev), UInt(status.st_ino)]
    }

    /// `host:port`, with IPv6 hosts in brackets.
    private static func describe(_ address: sockaddr_storage) -> String {
        let host = host(of: address)
        return host.contains(":") ? "[\(host)]:\(port(of: address))" : "\(host):\(port(of: address))"
    }

    private static func host(of address: sockaddr_storage) -> String {
        var address = address
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let family = Int32(address.ss_family)
        let converted: UnsafePointer<CChar>? = withUnsafeMutableBytes(of: &address) { raw in
            if family == AF_INET6 {
                let ipv6 = raw.baseAddress!.assumingMemoryBound(to: sockaddr_in6.self)
                return inet_ntop(family, &ipv6.pointee.sin6_addr, &buffer, socklen_t(buffer.count))
            } else {
                let ipv4 = raw.baseAddress!.assumingMemoryBound(to: sockaddr_in.self)
                return inet_ntop(family, &ipv4.pointee.sin_addr, &buffer, socklen_t(buffer.count))
            }
        }
        guard converted != nil else { return "?" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func port(of address: sockaddr_storage) -> Int {
        var address = address
        return withUnsafeBytes(of: &address) { raw in
            // sin_port and sin6_port sit at the same offset, in network byte order.
            let networkOrder = raw.load(fromByteOffset: MemoryLayout<sa_family_t>.size, as: UInt16.self)
            return Int(UInt16(bigEndian: networkOrder))
        }
    }

    private static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

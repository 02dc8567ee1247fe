internal import CMicroHTTPD
internal import Glibc
internal import Synchronization

/// An HTTP/1.1 server on libmicrohttpd that hands each complete request to an `HTTPResponder`.
///
/// The server listens on its own socket (so a busy port is reported precisely), polls with poll() on an internal
/// thread pool, keeps connections alive, reads request bodies in any chunking up to a limit, and writes each
/// response from one buffer. The responder is called on the pool's threads, concurrently.
///
/// Do not call `stop()` from inside the responder: stopping waits for the pool's threads, including the caller.
public final class HTTPServer: Sendable {
    /// The configuration the server was created with.
    public let configuration: HTTPServerConfiguration

    private let context: ServerContext
    private let running = Mutex<RunningDaemon?>(nil)
    private let boundPort: Atomic<Int>

    /// Creates a server; it does not listen until `start()`.
    public init(configuration: HTTPServerConfiguration, responder: any HTTPResponder) {
        self.configuration = configuration
        self.context = ServerContext(responder: responder, maxBodySize: max(0, configuration.maxBodySize))
        self.boundPort = Atomic(configuration.port)
    }

    deinit {
        stop()
    }

    /// Binds the configured address and starts serving.
    ///
    /// - Throws: `HTTPServerError` with `.addressInUse` when another socket has the port, `.invalidAddress` when the
    ///   host does not resolve to a local address, `.permissionDenied`, `.alreadyRunning`, or `.startFailed`.
    /// The corresponding C function is `MHD_start_daemon`.
    public func start() throws(HTTPServerError) {
        let configuration = configuration
        let context = context
        let daemon = try running.withLock { (running) throws(HTTPServerError) -> RunningDaemon in
            if running != nil {
                throw HTTPServerError(.alreadyRunning, "the server is already running")
            }
            let socket = try ListeningSocket.open(host: configuration.host, port: configuration.port)
            // poll(), not epoll: libmicrohttpd 0.9.75's edge-triggered epoll loses a client's FIN that arrives with
            // the last bytes of an unfinished request, and holds such a connection until the connection timeout (3000
            // aborted requests left 2913 connections in CLOSE-WAIT and the server answered nobody). Level-triggered
            // poll() sees the FIN; with the few dozen connections of a mock, its cost is within noise.
            var flags = MHD_USE_INTERNAL_POLLING_THREAD.rawValue | MHD_USE_POLL.rawValue | MHD_ALLOW_SUSPEND_RESUME.rawValue
            if configuration.turbo {
                flags |= MHD_USE_TURBO.rawValue
            }
            let socketIdentity = ListeningSocket.identity(of: socket.descriptor)
            context.allowSuspensions()
            let cls = Unmanaged.passRetained(context)
            guard
                let pointer = cmhd_start(
                    flags,
                    socket.descriptor,
                    UInt32(clamping: configuration.threadPoolSize),
                    UInt32(clamping: max(0, configuration.connectionTimeout)),
                    accessHandler,
                    completedCallback,
                    uriLogCallback,
                    cls.toOpaque()
                )
            else {
                cls.release()
                // MHD leaves the socket open when it rejects its options; close it unless MHD closed it (and the
                // number was reused) on some later failure path.
                if let socketIdentity, ListeningSocket.identity(of: socket.descriptor) == socketIdentity {
                    close(socket.descriptor)
                }
                throw HTTPServerError(.startFailed, "libmicrohttpd could not start on \(socket.address):\(socket.port)")
            }
            let daemon = RunningDaemon(pointer: pointer, context: cls, port: socket.port)
            running = daemon
            return daemon
        }
        boundPort.store(daemon.port, ordering: .releasing)
    }

    /// The port the server listens on: after `start()` the bound one (also when the configured port is 0),
    /// before it the configured one.
    public var port: Int {
        boundPort.load(ordering: .acquiring)
    }

    /// The configured host.
    public var host: String {
        configuration.host
    }

    /// `http://host:port`, with an IPv6 host in brackets.
    public var baseURL: String {
        host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)"
    }

    /// Whether the server is serving.
    public var isRunning: Bool {
        running.withLock { $0 != nil }
    }

    /// The number of connections waiting for a deferred response now (see `HTTPResponse.deferred(by:_:)`).
    public var suspendedConnections: Int {
        context.suspendedConnections
    }

    /// The number of requests whose state is held now; 0 after `stop()`. For leak checks in tests.
    public var liveRequestStates: Int {
        context.liveRequestStates.load(ordering: .relaxed)
    }

    /// Closes the listening socket and every connection, waits for the worker threads and releases everything.
    ///
    /// Calling it again, or on a server that never started, does nothing. Requests being answered are finished
    /// first; requests still receiving a body are dropped.
    /// The corresponding C function is `MHD_stop_daemon`.
    public func stop() {
        guard let daemon = running.withLock({ running in running.take() }) else { return }
        context.resumeAll()  // libmicrohttpd must not be stopped with suspended connections
        MHD_stop_daemon(daemon.pointer)  // also closes the listening socket
        daemon.context.release()
    }
}

/// A started daemon and the retained context its callbacks use.
///
/// `@unchecked Sendable`: it is created under the server's lock and taken out of it exactly once by `stop()`,
/// and `MHD_stop_daemon` may be called from any thread.
private struct RunningDaemon: @unchecked Sendable {
    let pointer: OpaquePointer
    let context: Unmanaged<ServerContext>
    let port: Int
}

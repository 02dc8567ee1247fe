internal import Glibc

/// Settings of an `HTTPServer`; every value has a default.
public struct HTTPServerConfiguration: Sendable {
    /// The address to listen on: an IPv4 or IPv6 literal or a host name. The default is `127.0.0.1`.
    ///
    /// A name that resolves to several addresses binds the first that works, IPv4 before IPv6.
    public var host: String
    /// The TCP port; 0 picks any free port (read it back from `HTTPServer.port`). The default is 8080.
    public var port: Int
    /// The largest request body accepted, in bytes; larger bodies get `respondToOversizedBody`. The default is 1 MiB.
    public var maxBodySize: Int
    /// Seconds of inactivity after which a connection is closed (0 = never). The default is 30.
    public var connectionTimeout: Int
    /// The number of worker threads. The default is the number of online processors.
    public var threadPoolSize: Int
    /// Whether to try reads, writes and accepts before the poller says they are ready (`MHD_USE_TURBO`).
    /// The default is `false`: on a 2-core machine it made no difference that stood out of the noise.
    public var turbo: Bool

    /// Creates a configuration; every argument has the default documented on its property.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        maxBodySize: Int = 1 << 20,
        connectionTimeout: Int = 30,
        threadPoolSize: Int = HTTPServerConfiguration.onlineProcessorCount,
        turbo: Bool = false
    ) {
        self.host = host
        self.port = port
        self.maxBodySize = maxBodySize
        self.connectionTimeout = connectionTimeout
        self.threadPoolSize = threadPoolSize
        self.turbo = turbo
    }

    /// The number of online processors, at least 1. The corresponding C function is `sysconf(_SC_NPROCESSORS_ONLN)`.
    public static var onlineProcessorCount: Int {
        max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }
}

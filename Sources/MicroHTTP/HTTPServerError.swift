/// Why an `HTTPServer` could not start.
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public struct Kind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// A short name of the kind, such as `addressInUse`.
        public let rawValue: String

        /// Creates a kind from its name.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// The name of the kind.
        public var description: String { rawValue }

        /// Another socket listens on the address and port already.
        public static let addressInUse = Kind(rawValue: "addressInUse")
        /// The host does not resolve, or is not an address of this machine, or the port is out of range.
        public static let invalidAddress = Kind(rawValue: "invalidAddress")
        /// The process may not bind that port (a privileged port, for example).
        public static let permissionDenied = Kind(rawValue: "permissionDenied")
        /// The server is running already.
        public static let alreadyRunning = Kind(rawValue: "alreadyRunning")
        /// Creating the socket or the daemon failed for another reason.
        public static let startFailed = Kind(rawValue: "startFailed")
    }

    /// The kind of failure.
    public var kind: Kind
    /// A message for people, such as `address 127.0.0.1:8080 is already in use`.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    public var description: String { message }
}

/// A failure of a store, independent of the storage behind it.
///
/// The API layer maps it to an HTTP status; it never carries a SQLite type.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Kind: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The entity does not exist.
        public static let notFound = Kind(rawValue: "notFound")
        /// The entity exists already.
        public static let conflict = Kind(rawValue: "conflict")
        /// The stored data could not be read back (a corrupt document).
        public static let corrupt = Kind(rawValue: "corrupt")
        /// The storage failed (I/O, locking, a full disk).
        public static let unavailable = Kind(rawValue: "unavailable")
    }

    /// What kind of failure this is.
    public var kind: Kind
    /// A description for logs and error bodies.
    public var message: String

    /// A failure of `kind`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}

/// Why a write through the Kubernetes view was refused, in the Kubernetes API server's terms: the reason of its
/// `Status`, the message, and for `Invalid` the fields at fault.
public struct ClusterResourceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The `reason` of the `Status`, and with it the HTTP status.
    public struct Reason: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// 400: the request cannot be understood (a wrong kind, a name that is not the path's, a strict decoding error).
        public static let badRequest = Reason(rawValue: "BadRequest")
        /// 409: a precondition failed (a stale `metadata.resourceVersion`, another `metadata.uid`).
        public static let conflict = Reason(rawValue: "Conflict")
        /// 422: the object is invalid.
        public static let invalid = Reason(rawValue: "Invalid")

        /// The HTTP status code of the reason.
        public var code: Int {
            switch self {
            case .conflict: 409
            case .invalid: 422
            default: 400
            }
        }
    }

    /// One field at fault, as a `StatusCause`: its reason (`FieldValueInvalid`, `FieldValueRequired`, …), the
    /// field's path and the message without the path.
    public struct Cause: Sendable, Equatable {
        /// `FieldValueInvalid`, `FieldValueRequired`, `FieldValueForbidden` or `FieldValueNotSupported`.
        public var reason: String
        /// The field's path, such as `spec.version`.
        public var field: String
        /// What is wrong, such as `Required value`.
        public var message: String

        /// A cause.
        public init(reason: String, field: String, message: String) {
            self.reason = reason
            self.field = field
            self.message = message
        }

        /// `field: message`, as a `Status` message lists it.
        public var text: String { field.isEmpty ? message : "\(field): \(message)" }
    }

    /// The reason.
    public var reason: Reason
    /// The complete message, as the `Status` carries it.
    public var message: String
    /// The fields at fault (for `Invalid`).
    public var causes: [Cause]

    /// An error with a complete message.
    public init(reason: Reason, message: String, causes: [Cause] = []) {
        self.reason = reason
        self.message = message
        self.causes = causes
    }

    /// 422 `Cluster.kubermatic.k8s.io "<name>" is invalid: <causes>`, as the API server words it.
    public static func invalid(name: String, _ causes: [Cause]) -> ClusterResourceError {
        let list = causes.count == 1 ? causes[0].text : "[" + causes.map(\.text).joined(separator: ", ") + "]"
        return ClusterResourceError(
            reason: .invalid,
            message: "\(ClusterResource.kind).\(ClusterResource.group) \(quoted(name)) is invalid: \(list)",
            causes: causes
        )
    }

    /// 409 for a stale resource version, in the API server's words.
    public static func modified(name: String) -> ClusterResourceError {
        ClusterResourceError(
            reason: .conflict,
            message: "Operation cannot be fulfilled on \(ClusterResource.groupResource) \(quoted(name)): the object has been modified; "
                + "please apply your changes to the latest version and try again"
        )
    }

    /// 400 for fields a strict decoding does not know (`fieldValidation=Strict`, or `--strict`).
    public static func unknownFields(_ paths: [String]) -> ClusterResourceError {
        ClusterResourceError(
            reason: .badRequest,
            message: "\(ClusterResource.kind) in version \(quoted(ClusterResource.version)) cannot be handled as a \(ClusterResource.kind): "
                + "strict decoding error: " + paths.map { "unknown field \(quoted($0))" }.joined(separator: ", ")
        )
    }

    public var description: String { "\(reason.code) \(reason.rawValue): \(message)" }
}

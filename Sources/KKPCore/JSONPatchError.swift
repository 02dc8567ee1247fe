/// Why a JSON Patch (RFC 6902) was refused: the patch document itself is malformed, or it cannot be applied to the
/// target (a missing path, a failed `test`).
public struct JSONPatchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which of the two it is.
    public enum Kind: Sendable, Equatable {
        /// The patch is not a JSON Patch document: not an array of operation objects, an unknown `op`, a missing
        /// member, a malformed pointer. The Kubernetes API server answers 400.
        case malformed
        /// The patch is well formed but does not apply to this document. The Kubernetes API server answers 422.
        case notApplicable
    }

    /// Which kind of failure.
    public var kind: Kind
    /// What went wrong, naming the operation and the path.
    public var message: String

    /// An error of `kind`.
    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    /// A malformed patch document.
    public static func malformed(_ message: String) -> JSONPatchError {
        JSONPatchError(kind: .malformed, message: message)
    }

    /// A patch that does not apply.
    public static func notApplicable(_ message: String) -> JSONPatchError {
        JSONPatchError(kind: .notApplicable, message: message)
    }

    public var description: String { message }
}

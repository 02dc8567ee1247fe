import KKPCore
import KKPStore

extension APIError {
    /// The one mapping from any error a handler throws to the error KKP would send.
    ///
    /// An `APIError` passes through; a `StoreError` maps by kind; a `JSONParseError` is a 400; anything else is a 500
    /// with its description (and is logged by the responder).
    init(mapping error: any Error) {
        switch error {
        case let error as APIError:
            self = error
        case let error as KubernetesStatus:
            self = APIError(code: error.code, message: error.message)
        case let error as StoreError:
            switch error.kind {
            case .notFound: self = APIError(code: 404, message: error.message)
            case .conflict: self = APIError(code: 409, message: error.message)
            default: self = .internalError(error.message)
            }
        case let error as JSONParseError:
            self = .badRequest("invalid JSON", details: [error.message])
        default:
            self = .internalError("\(error)")
        }
    }

    /// Whether this error is the server's own fault (and worth logging).
    var isServerError: Bool { code >= 500 }
}

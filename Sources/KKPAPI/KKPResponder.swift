public import KKPStore
public import MicroHTTP
import KKPCore

/// The KKP API as an ``HTTPResponder``: routing, the one error mapping, and the headers every response carries.
public final class KKPResponder: HTTPResponder {
    private let store: any PlatformStore
    private let policy: ClusterPolicy
    private let configuration: APIConfiguration
    private let log: @Sendable (String) -> Void

    /// A responder over a store.
    /// - Parameters:
    ///   - store: where state lives.
    ///   - configuration: the API's options.
    ///   - log: where unexpected (5xx) errors are reported; the default writes nothing.
    public init(store: any PlatformStore, configuration: APIConfiguration = .init(), log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.store = store
        self.policy = ClusterPolicy(catalog: store.directory.catalog)
        self.configuration = configuration
        self.log = log
    }

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        var response = route(request)
        for (name, value) in HTTPResponse.securityHeaders { response.headers.set(name, value) }
        return response
    }

    public func respondToOversizedBody(_ request: HTTPRequest, limit: Int) -> HTTPResponse {
        var response = HTTPResponse.error(.payloadTooLarge(limit: limit))
        for (name, value) in HTTPResponse.securityHeaders { response.headers.set(name, value) }
        return response
    }

    private func route(_ request: HTTPRequest) -> HTTPResponse {
        switch Routes.router.match(request.method, path: request.path) {
        case .found(let handler, let parameters):
            let context = RequestContext(request: request, parameters: parameters, store: store, policy: policy)
            do {
                return try handler(context)
            } catch {
                let apiError = APIError(mapping: error)
                if apiError.isServerError { log("\(request.method) \(request.path): \(error)") }
                return .error(apiError)
            }
        case .methodNotAllowed(let allowed):
            let allow = allowed.map(\.rawValue).joined(separator: ", ")
            if request.method == .options {
                return HTTPResponse(status: .noContent, headers: ["Allow": allow])
            }
            var response = HTTPResponse.error(
                APIError(code: 405, message: "method \(request.method) is not allowed on \(request.path)", details: ["allowed: \(allow)"])
            )
            response.headers.set("Allow", allow)
            return response
        case .notFound:
            return .pageNotFound
        }
    }
}

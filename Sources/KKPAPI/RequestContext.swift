import KKPCore
import KKPStore
import MicroHTTP

/// What a handler gets: the request, its path parameters and the services it may use.
struct RequestContext {
    /// The request as received.
    let request: HTTPRequest
    /// The path parameters of the matched route, percent-decoded.
    let parameters: RouteParameters
    /// The store.
    let store: any PlatformStore
    /// The write rules.
    let policy: ClusterPolicy

    /// The path parameter `name`; the route table guarantees it exists.
    func parameter(_ name: String) -> String {
        parameters[name] ?? ""
    }
}

/// A route's handler: thin, synchronous (libmicrohttpd calls on its own threads), throwing errors the one mapping
/// in ``KKPResponder`` renders.
typealias Handler = @Sendable (RequestContext) throws -> HTTPResponse

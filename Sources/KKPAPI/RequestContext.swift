import KKPCore
import KKPStore
import MicroHTTP

/// What a handler gets: the request, its path parameters, the caller and the services it may use.
struct RequestContext {
    /// The request as received.
    let request: HTTPRequest
    /// The path parameters of the matched route, percent-decoded.
    let parameters: RouteParameters
    /// The authenticated user; `nil` under `--no-auth` and on open routes.
    let user: User?
    /// The store.
    let store: any PlatformStore
    /// The write rules.
    let policy: ClusterPolicy
    /// The clock for creation timestamps.
    let clock: any WallClock
    /// The source of new cluster ids.
    let ids: any IDGenerator
    /// The API's options.
    let configuration: APIConfiguration
    /// The mock-only machinery: journal, fault rules, reset.
    let sandbox: Sandbox

    /// The path parameter `name`; the route table guarantees it exists.
    func parameter(_ name: String) -> String {
        parameters[name] ?? ""
    }

    /// The project of the `{project_id}` parameter, checked for the caller's access.
    /// - Throws: `APIError` 404 for an unknown project, 403 when the caller may not read (or write) it.
    func project(write: Bool) throws(APIError) -> Project {
        let id = parameter("project_id")
        guard let project = store.directory.project(id: id) else {
            throw APIError.notFound(kind: "projects.kubermatic.k8s.io", name: id)
        }
        try Authentication.authorize(user, project, write: write)
        return project
    }
}

/// A route's handler: thin, synchronous (libmicrohttpd calls on its own threads), throwing errors the one mapping
/// in ``KKPResponder`` renders.
typealias Handler = @Sendable (RequestContext) throws -> HTTPResponse

/// A row of the route table: KKP's operationId, the handler, and whether the route needs a token.
struct Route: Sendable {
    /// KKP's operationId (or a name for routes outside KKP's API).
    let operation: String
    /// The handler.
    let handler: Handler
    /// Whether a token is required (unless `--no-auth`).
    let authenticated: Bool
}

public import KKPCore
public import KKPStore
public import MicroHTTP

/// The KKP API as an ``HTTPResponder``: routing, the one error mapping, and the headers every response carries.
public final class KKPResponder: HTTPResponder {
    private let store: any PlatformStore
    private let configuration: APIConfiguration
    private let clock: any WallClock
    private let ids: any IDGenerator
    private let sandbox: Sandbox
    private let log: @Sendable (String) -> Void

    /// A responder over a store.
    /// - Parameters:
    ///   - store: where state lives.
    ///   - configuration: the API's options.
    ///   - clock: the time of creation timestamps; the default is the system clock.
    ///   - ids: the source of new cluster ids; the default is random ids in KKP's alphabet.
    ///   - sandbox: the request journal, fault rules, access log and reset; the default keeps 1000 requests and logs
    ///     nothing.
    ///   - log: where unexpected (5xx) errors are reported; the default writes nothing.
    public init(
        store: any PlatformStore,
        configuration: APIConfiguration = .init(),
        clock: any WallClock = SystemClock(),
        ids: any IDGenerator = RandomIDGenerator(),
        sandbox: Sandbox = Sandbox(),
        log: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.store = store
        self.configuration = configuration
        self.clock = clock
        self.ids = ids
        self.sandbox = sandbox
        self.log = log
    }

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        sandbox.serve(request, clock: clock) { request in self.route(request).addingSecurityHeaders() }
    }

    public func respondToOversizedBody(_ request: HTTPRequest, limit: Int) -> HTTPResponse {
        sandbox.serve(request, clock: clock, injectingFaults: false) { _ in
            KubernetesView.serves(request.path)
                ? HTTPResponse.kubernetesStatus(APIError.payloadTooLarge(limit: limit)).addingSecurityHeaders()
                : HTTPResponse.error(.payloadTooLarge(limit: limit)).addingSecurityHeaders()
        }
    }

    private func route(_ request: HTTPRequest) -> HTTPResponse {
        switch Routes.router.match(request.method, path: request.path) {
        case .found(let route, let parameters):
            do {
                let directory = store.directory  // one snapshot per request: a reset may replace it
                let user =
                    route.authenticated && !configuration.noAuth
                    ? try Authentication.user(of: request, in: directory) : nil
                let policy = ClusterPolicy(catalog: directory.catalog, strict: configuration.strict)
                let context = RequestContext(
                    request: request, parameters: parameters, user: user, store: store, policy: policy, clock: clock, ids: ids,
                    configuration: configuration,
                    sandbox: sandbox
                )
                return try route.handler(context)
            } catch {
                let apiError = APIError(mapping: error)
                if apiError.isServerError { log("\(request.method) \(request.path): \(error)") }
                return KubernetesView.serves(request.path) ? .kubernetesStatus(error) : .error(apiError)
            }
        case .methodNotAllowed(let allowed):
            let allow = allowed.map(\.rawValue).joined(separator: ", ")
            if request.method == .options {
                return HTTPResponse(status: .noContent, headers: ["Allow": allow])
            }
            var response = HTTPResponse.error(
                APIError(code: 405, message: "method \(request.method) is not allowed on \(request.path)", details: ["allowed: \(allow)"])
            )
            if KubernetesView.serves(request.path) { response = .kubernetesStatus(KubernetesStatus.methodNotAllowed) }
            response.headers.set("Allow", allow)
            return response
        case .notFound:
            if Sandbox.isMockPath(request.path) { return AdminHandlers.unknownPath(request) }
            return KubernetesView.serves(request.path) ? .kubernetesStatus(KubernetesStatus.pathNotFound) : .pageNotFound
        }
    }
}

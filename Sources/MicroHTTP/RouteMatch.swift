/// What `Router.match(_:path:)` found for a method and a path.
public enum RouteMatch<Handler: Sendable>: Sendable {
    /// A route matches the path and the method; here are its handler and parameters.
    case found(Handler, RouteParameters)
    /// Routes match the path but none the method (or the method is `OPTIONS` and no route has it).
    ///
    /// `allowed` is in registration order, with `HEAD` after `GET` when only `GET` is registered, and `OPTIONS` last.
    case methodNotAllowed(allowed: [HTTPMethod])
    /// No route matches the path.
    case notFound
}

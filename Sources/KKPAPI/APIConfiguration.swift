/// How the API behaves; the command line fills it in.
public struct APIConfiguration: Sendable {
    /// Whether requests need no token. The default is `false`.
    public var noAuth: Bool
    /// Whether unknown fields in a write are a 400 rather than dropped with a warning. The default is `false`.
    public var strict: Bool
    /// The largest request body accepted, in bytes. The default is 1 MiB.
    public var maxBodySize: Int
    /// The Swagger UI served at `/rest-api`. The default has no distribution files, so `/rest-api` is a 404.
    public var swaggerUI: SwaggerUI

    /// A configuration; every parameter has the documented default.
    public init(
        noAuth: Bool = false, strict: Bool = false, maxBodySize: Int = 1 << 20,
        swaggerUI: SwaggerUI = .unavailable("the Swagger UI is not configured")
    ) {
        self.noAuth = noAuth
        self.strict = strict
        self.maxBodySize = maxBodySize
        self.swaggerUI = swaggerUI
    }
}

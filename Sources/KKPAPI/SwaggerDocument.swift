import MicroHTTP

/// The static Swagger 2.0 document of everything this server serves: `Resources/swagger.json`, compiled in.
enum SwaggerDocument {
    /// The document's bytes.
    static let bytes: [UInt8] = Array(EmbeddedResources.swaggerJSON.utf8)

    /// `GET /api/swagger.json`, served openly as KKP does.
    static let get: Handler = { _ in
        HTTPResponse(status: .ok, headers: ["Content-Type": "application/json"], body: bytes)
    }
}

import Foundation
import MicroHTTP

/// The static Swagger 2.0 document of everything this server serves, a resource of the package.
enum SwaggerDocument {
    /// The document's bytes, read once.
    static let bytes: [UInt8] = {
        guard let url = Bundle.module.url(forResource: "swagger", withExtension: "json", subdirectory: "Resources"),
            let data = try? Data(contentsOf: url)
        else { return Array(#"{"swagger":"2.0","info":{"title":"kkp-mock: swagger.json resource missing","version":"0"},"paths":{}}"#.utf8) }
        return Array(data)
    }()

    /// `GET /api/swagger.json`, served openly as KKP does.
    static let get: Handler = { _ in
        HTTPResponse(status: .ok, headers: ["Content-Type": "application/json"], body: bytes)
    }
}

import KKPCore
import KKPStore
import MicroHTTP

/// The Swagger UI at `GET /rest-api`: kkp-mock's page and initializer (compiled in) and the files of the
/// Swagger UI distribution (the PyPI package `swagger-ui-bundle`, which `scripts/setup.sh` copies to
/// `.build/swagger-ui`), all read once at start-up and served from memory.
///
/// Only the files named in ``distributionFiles`` and kkp-mock's initializer are served, from a dictionary: a request
/// for any other name (`..`, `%2F`, anything) is a 404, so no path reaches the file system. The page has no inline
/// script or style, so it works under KKP's `Content-Security-Policy` (`script-src 'self'`, `style-src 'self'`),
/// with one change for the page alone (``pageContentSecurityPolicy``).
public struct SwaggerUI: Sendable {
    /// One file as served: its bytes and the headers that go with them.
    struct File: Sendable {
        /// The body.
        let bytes: [UInt8]
        /// The `Content-Type`.
        let contentType: String
        /// The `Cache-Control`.
        let cacheControl: String
        /// A strong entity tag of the bytes.
        let etag: String
    }

    /// The default directory of the distribution's files, relative to the working directory: where
    /// `scripts/setup.sh` copies them.
    public static let defaultDirectory = ".build/swagger-ui"

    /// The distribution's files kkp-mock serves: the ones the page links.
    static let distributionFiles = ["swagger-ui-bundle.js", "swagger-ui.css", "index.css", "favicon-16x16.png", "favicon-32x32.png"]

    /// The `Content-Security-Policy` of the page: KKP's, with `data:` images allowed. Swagger UI's stylesheet draws
    /// the arrow of every select box, the check of a checkbox, the arrow that opens a model and the copy button as
    /// `data:` SVG images (and its script shows a `data:` spinner while the document loads); under `img-src 'self'`
    /// they are blocked and those controls lose their marks. A `data:` image cannot run script, and scripts, styles
    /// and connections keep KKP's `'self'`.
    static let pageContentSecurityPolicy: String = {
        let kkp = HTTPResponse.securityHeaders.first { $0.0 == "Content-Security-Policy" }?.1 ?? ""
        return kkp.replacing("img-src 'self';", with: "img-src 'self' data:;")
    }()

    /// The name of kkp-mock's initializer, served beside the distribution's files.
    static let initializerName = "kkp-mock-swagger-ui.js"

    /// The page, or `nil` when the distribution's files are not installed.
    let page: File?
    /// Every file served under `/rest-api/`, by name.
    let files: [String: File]
    /// Why there is no page: said by `GET /rest-api` when the files are not installed.
    let unavailableReason: String

    /// The UI without the distribution's files: `GET /rest-api` answers 404 with `reason`, which should say how to
    /// install them.
    public static func unavailable(_ reason: String) -> SwaggerUI {
        SwaggerUI(page: nil, files: [initializerName: initializer], unavailableReason: reason)
    }

    /// Reads the distribution's files from `directory` (such as the `swagger_ui_bundle` package's
    /// `vendor/swagger-ui-4.15.5`, or `.build/swagger-ui`).
    /// - Throws: ``SwaggerUIError`` when a file the page links cannot be read.
    public static func load(directory: String) throws(SwaggerUIError) -> SwaggerUI {
        // The distribution's files may be cached for a day; the page links them with `?v=` and their entity tag, so
        // a new distribution is fetched at once.
        var files: [String: File] = [:]
        for name in distributionFiles {
            let path = directory + "/" + name
            guard let data = LocalFile.contents(atPath: path) else { throw SwaggerUIError(message: "cannot read \(path)") }
            files[name] = File(data, contentType: contentType(of: name), cacheControl: "public, max-age=86400")
        }
        files[initializerName] = initializer

        var html = EmbeddedResources.swaggerUIIndexHTML
        for (name, file) in files {
            let version = file.etag.filter { $0 != "\"" }
            html = html.replacing("{{\(name)}}", with: "/rest-api/\(name)?v=\(version)")
        }
        let page = File(Array(html.utf8), contentType: "text/html; charset=utf-8", cacheControl: "no-cache")
        return SwaggerUI(page: page, files: files, unavailableReason: "")
    }

    // MARK: Handlers

    /// `GET /rest-api`: the page, or a 404 that says how to install the Swagger UI.
    static let getPage: Handler = { context in
        let swaggerUI = context.configuration.swaggerUI
        guard let page = swaggerUI.page else {
            return .plainText(swaggerUI.unavailableReason + "\n", status: .notFound)
        }
        var response = serve(page, to: context.request)
        response.headers.set("Content-Security-Policy", pageContentSecurityPolicy)
        return response
    }

    /// `GET /rest-api/{file}`: one of the page's files; any other name is gorilla/mux's `404 page not found`.
    static let getFile: Handler = { context in
        guard let file = context.configuration.swaggerUI.files[context.parameter("file")] else { return .pageNotFound }
        return serve(file, to: context.request)
    }

    /// A file with its `Content-Type`, `Cache-Control` and `ETag`; 304 without a body when `If-None-Match` names its
    /// tag (or is `*`).
    static func serve(_ file: File, to request: HTTPRequest) -> HTTPResponse {
        let headers: HTTPHeaders = ["Content-Type": file.contentType, "Cache-Control": file.cacheControl, "ETag": file.etag]
        if let ifNoneMatch = request.headers["If-None-Match"], matches(ifNoneMatch: ifNoneMatch, etag: file.etag) {
            var notModified = headers
            notModified.remove("Content-Type")
            return HTTPResponse(status: .notModified, headers: notModified)
        }
        return HTTPResponse(status: .ok, headers: headers, body: file.bytes)
    }

    /// Whether an `If-None-Match` value names `etag`: `*`, or a list of tags compared weakly (`W/` ignored), as
    /// RFC 9110 says for `If-None-Match`.
    static func matches(ifNoneMatch header: String, etag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingBlanks()
            return tag == "*" || (tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag) == etag
        }
    }

    // MARK: Helpers

    /// The `Content-Type` of a file by its extension (`X-Content-Type-Options: nosniff` makes browsers rely on it).
    static func contentType(of name: String) -> String {
        switch name.split(separator: ".").last {
        case "js": "text/javascript; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "png": "image/png"
        case "html": "text/html; charset=utf-8"
        default: "application/octet-stream"
        }
    }

    /// kkp-mock's initializer, `Resources/swagger-ui/kkp-mock-swagger-ui.js`.
    static let initializer = File(
        Array(EmbeddedResources.swaggerUIKKPMockSwaggerUIJS.utf8), contentType: contentType(of: initializerName), cacheControl: "no-cache"
    )
}

extension SwaggerUI.File {
    /// A file and its headers; the entity tag is the FNV-1a hash of the bytes.
    init(_ bytes: [UInt8], contentType: String, cacheControl: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        self.init(
            bytes: bytes, contentType: contentType, cacheControl: cacheControl,
            etag: "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
        )
    }
}

/// The Swagger UI's files cannot be read.
public struct SwaggerUIError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    public var description: String { message }
}

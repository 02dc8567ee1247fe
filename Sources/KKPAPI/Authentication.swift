import KKPCore
import MicroHTTP

/// Who is asking: KKP's token extractors and its membership rules, over the fixture users.
enum Authentication {
    /// The detail KKP gives when no extractor finds a token.
    static let noTokenDetail = "[haven't found an OIDC token, tried 3 extractors, haven't found a Bearer token in the Authorization header]"

    /// The token of a request, looked for where KKP looks: the `Authorization: Bearer` header, the `token` cookie, the
    /// `token` query parameter.
    static func token(of request: HTTPRequest) -> String? {
        if let header = request.headers["Authorization"], hasBearerScheme(header) {
            let token = Substring(header.utf8.dropFirst(7)).trimmingBlanks()
            if !token.isEmpty { return token }
        }
        if let cookie = request.cookie("token"), !cookie.isEmpty { return cookie }
        if let query = request.queryValue("token"), !query.isEmpty { return query }
        return nil
    }

    /// Whether a header value starts with `Bearer ` in any case and has more after it.
    static func hasBearerScheme(_ header: String) -> Bool {
        let utf8 = header.utf8
        guard utf8.count > 7 else { return false }
        // ASCII letters differ from their upper case in the 0x20 bit; the space must be a space.
        return zip(utf8.prefix(7), "bearer ".utf8).allSatisfy { byte, expected in
            expected == UInt8(ascii: " ") ? byte == expected : byte | 0x20 == expected
        }
    }

    /// The user a request authenticates as.
    /// - Throws: `APIError` 401 `not authorized` when there is no token, 401 `access denied due to an invalid token`
    ///   when no fixture user has it.
    static func user(of request: HTTPRequest, in directory: Directory) throws(APIError) -> User {
        guard let token = token(of: request) else { throw APIError.notAuthorized(details: [noTokenDetail]) }
        guard let user = directory.user(token: token) else {
            throw APIError(code: 401, message: "access denied due to an invalid token", details: ["no user of kkp-mock's fixtures has this token"])
        }
        return user
    }

    /// Checks that `user` may read (or, with `write`, change) `project`: admins may do anything, members read,
    /// owners and editors write.
    /// - Throws: `APIError` 403 with KKP's message.
    static func authorize(_ user: User?, _ project: Project, write: Bool) throws(APIError) {
        guard let user, !user.isAdmin else { return }
        guard let group = user.memberships[project.id] else {
            throw APIError.forbidden("forbidden: \"\(user.email)\" doesn't belong to the given project = \(project.id)")
        }
        if write && group == "viewers" {
            throw APIError.forbidden("forbidden: \"\(user.email)\" is a viewer of the project \(project.id) and may not change it")
        }
    }
}

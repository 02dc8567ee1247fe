import KKPCore
import MicroHTTP

/// Who is asking: KKP's token extractors and its membership rules, over the fixture users.
enum Authentication {
    /// The detail KKP gives when no extractor finds a token.
    static let noTokenDetail = "[haven't found an OIDC token, tried 3 extractors, haven't found a Bearer token in the Authorization header]"

    /// The token of a request, looked for where KKP looks: the `Authorization: Bearer` header, the `token` cookie, the
    /// `token` query parameter.
    static func token(of request: HTTPRequest) -> String? {
        if let header = request.headers["Authorization"], header.count > 7, header.prefix(7).lowercased() == "bearer " {
            let token = String(header.dropFirst(7)).trimmingCharacters(in: " \t")
            if !token.isEmpty { return token }
        }
        if let cookie = request.cookie("token"), !cookie.isEmpty { return cookie }
        if let query = request.queryValue("token"), !query.isEmpty { return query }
        return nil
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

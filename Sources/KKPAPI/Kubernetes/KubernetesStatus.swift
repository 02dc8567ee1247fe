import KKPCore
import MicroHTTP

/// An error of the Kubernetes view, rendered as the API server renders errors: a `Status` object
/// (`{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":…,"reason":…,"details":…,"code":N}`)
/// with the HTTP status equal to `code`.
struct KubernetesStatus: Error, Sendable {
    /// The HTTP status code.
    var code: Int
    /// The machine-readable reason (`NotFound`, `Conflict`, `Invalid`, …).
    var reason: String
    /// The message kubectl prints.
    var message: String
    /// `details`: the object's name, group and kind, and for `Invalid` the causes.
    var details = JSONObject()

    /// `details` naming a cluster, with the resource (`clusters`) as kind, as NotFound, Conflict and Forbidden do.
    static func clusterDetails(_ name: String, kind: String = ClusterResource.plural) -> JSONObject {
        ["name": .string(name), "group": .string(ClusterResource.group), "kind": .string(kind)]
    }

    /// 404 for a cluster that does not exist.
    static func notFound(_ name: String) -> KubernetesStatus {
        KubernetesStatus(
            code: 404, reason: "NotFound", message: "\(ClusterResource.groupResource) \(quoted(name)) not found", details: clusterDetails(name))
    }

    /// 404 for a path the server does not serve.
    static let pathNotFound = KubernetesStatus(code: 404, reason: "NotFound", message: "the server could not find the requested resource")

    /// 405 for a method the path does not allow.
    static let methodNotAllowed = KubernetesStatus(
        code: 405, reason: "MethodNotAllowed", message: "the server does not allow this method on the requested resource")

    /// 415 for a patch format other than JSON Patch and JSON merge patch, with the API server's message for custom
    /// resources (less `application/apply-patch+yaml`: kkp-mock has no server-side apply).
    static let unsupportedPatchType = KubernetesStatus(
        code: 415, reason: "UnsupportedMediaType",
        message: "the body of the request was in an unknown format - accepted media types include: "
            + "application/json-patch+json, application/merge-patch+json")

    /// 406 for an `Accept` header that names nothing the server can send.
    static func notAcceptable(_ accept: String) -> KubernetesStatus {
        KubernetesStatus(
            code: 406, reason: "NotAcceptable",
            message: "only the following media types are accepted: application/json, application/json;as=Table;v=v1;g=meta.k8s.io "
                + "(the request asked for \(accept))")
    }

    /// 400 with a message.
    static func badRequest(_ message: String) -> KubernetesStatus {
        KubernetesStatus(code: 400, reason: "BadRequest", message: message)
    }

    /// 403 in RBAC's words, with kkp-mock's reason (not a member, a viewer) after it.
    static func forbidden(_ name: String?, verb: String, user: User, because reason: String) -> KubernetesStatus {
        let object = name.map { "\(ClusterResource.groupResource) \(quoted($0)) is forbidden" } ?? "\(ClusterResource.groupResource) is forbidden"
        return KubernetesStatus(
            code: 403, reason: "Forbidden",
            message: "\(object): User \(quoted(user.email)) cannot \(verb) resource \(quoted(ClusterResource.plural)) in API group "
                + "\(quoted(ClusterResource.group)) at the cluster scope: \(reason)",
            details: name.map { clusterDetails($0) } ?? ["group": .string(ClusterResource.group), "kind": .string(ClusterResource.plural)])
    }

    /// The Status of a refused write of a cluster.
    init(_ error: ClusterResourceError, name: String) {
        code = error.reason.code
        reason = error.reason.rawValue
        message = error.message
        switch error.reason {
        case .invalid:
            details = KubernetesStatus.clusterDetails(name, kind: ClusterResource.kind)
            if !error.causes.isEmpty {
                details["causes"] = .array(
                    error.causes.map { cause in
                        ["reason": .string(cause.reason), "message": .string(cause.message), "field": .string(cause.field)]
                    })
            }
        case .conflict:
            details = KubernetesStatus.clusterDetails(name)
        default:
            break
        }
    }

    /// A Status with every part given.
    init(code: Int, reason: String, message: String, details: JSONObject = JSONObject()) {
        self.code = code
        self.reason = reason
        self.message = message
        self.details = details
    }

    /// The Status of any error a request of the Kubernetes view ends with: a `KubernetesStatus` as it is, anything
    /// else through KKP's one error mapping, with the reason the API server gives that code.
    init(_ error: any Error) {
        if let status = error as? KubernetesStatus {
            self = status
            return
        }
        let apiError = APIError(mapping: error)
        let reasons = [
            400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound", 405: "MethodNotAllowed",
            406: "NotAcceptable", 409: "Conflict", 413: "RequestEntityTooLarge", 415: "UnsupportedMediaType", 422: "Invalid",
            500: "InternalError", 503: "ServiceUnavailable",
        ]
        code = apiError.code
        reason = reasons[apiError.code] ?? "Unknown"
        // The API server says only "Unauthorized"; kkp-mock's reason (no token, an unknown one) follows it.
        message = apiError.code == 401 ? "Unauthorized: " + apiError.message : apiError.message
        if !apiError.details.isEmpty { message += " (" + apiError.details.joined(separator: "; ") + ")" }
    }

    /// The `Status` object.
    var object: JSONObject {
        [
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": [:],
            "status": "Failure",
            "message": .string(message),
            "reason": .string(reason),
            "details": .object(details),
            "code": .number(JSONNumber(code)),
        ]
    }
}

extension HTTPResponse {
    /// A JSON object of the Kubernetes view, `Content-Type: application/json`, with one `Warning` header per warning.
    static func kubernetesObject(_ object: JSONObject, status: HTTPStatus = .ok, warnings: [String] = []) -> HTTPResponse {
        var response = json(.object(object), status: status)
        for warning in warnings { response.headers.add("Warning", warningValue(warning)) }
        return response
    }

    /// The `Status` of an error of the Kubernetes view.
    static func kubernetesStatus(_ error: any Error) -> HTTPResponse {
        let status = KubernetesStatus(error)
        return kubernetesObject(status.object, status: HTTPStatus(rawValue: status.code))
    }
}

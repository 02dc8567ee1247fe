import KKPCore

/// What a GET of the Kubernetes view answers with, chosen from the `Accept` header the way kubectl and client-go
/// use it: the first listed media range the server can serve wins.
enum KubernetesMediaType: Equatable {
    /// The object (or list) as JSON.
    case json
    /// A `meta.k8s.io` `Table` of the version asked for, `v1` or `v1beta1` (kubectl's
    /// `Accept: application/json;as=Table;v=v1;g=meta.k8s.io, …`).
    case table(version: String)

    /// The choice for an `Accept` header (`nil`: JSON).
    /// - Parameter allowsTable: whether the endpoint can answer with a table (resources can, discovery cannot).
    /// - Throws: `KubernetesStatus` 406 when no listed range is JSON, a table, or a wildcard.
    static func negotiate(_ accept: String?, allowsTable: Bool) throws(KubernetesStatus) -> KubernetesMediaType {
        guard let accept, !accept.isEmpty else { return .json }
        for range in accept.split(separator: ",") {
            let parts = range.split(separator: ";").map { $0.trimmingBlanks() }
            guard let type = parts.first?.lowercased() else { continue }
            var parameters: [String: String] = [:]
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingBlanks() }
                if pair.count == 2 { parameters[pair[0].lowercased()] = pair[1] }
            }
            if parameters["q"] == "0" { continue }
            guard ["application/json", "application/*", "*/*"].contains(type) else { continue }
            switch parameters["as"] {
            case nil:
                return .json
            case "Table" where allowsTable && parameters["g"] == "meta.k8s.io" && ["v1", "v1beta1"].contains(parameters["v"] ?? ""):
                return .table(version: parameters["v"] ?? "v1")
            default:
                continue
            }
        }
        throw KubernetesStatus.notAcceptable(accept)
    }
}

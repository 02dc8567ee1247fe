extension ClusterResource {
    /// What a write through the Kubernetes view asks of the REST intent: a merge patch for ``ClusterPolicy`` and
    /// the warnings about what the view could not take.
    public struct Change: Sendable, Equatable {
        /// The RFC 7396 merge patch to apply to the REST intent; empty when nothing the REST API keeps changed.
        public var patch: JSONObject
        /// Warnings for the response (one `Warning` header each).
        public var warnings: [String]

        /// A change.
        public init(patch: JSONObject, warnings: [String]) {
            self.patch = patch
            self.warnings = warnings
        }
    }

    /// Top-level members of the resource.
    static let topLevelFields: Set<String> = ["apiVersion", "kind", "metadata", "spec", "address", "status"]
    /// `metadata` members the server owns: a client's value is ignored without a word, as the API server does.
    static let systemMetadataFields: Set<String> = [
        "name", "uid", "resourceVersion", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
        "generation", "managedFields", "selfLink", "namespace", "clusterName", "labels",
    ]
    /// `metadata` members Kubernetes keeps and kkp-mock does not (KKP v2.16's API Cluster has no place for them).
    static let unkeptMetadataFields: Set<String> = ["annotations", "finalizers", "ownerReferences", "generateName"]

    /// Turns a write of the resource into a change of the REST intent.
    ///
    /// `current` is the resource as served now, `proposed` the resource the client wants (a PUT body, or `current`
    /// with the client's patch applied). The REST-backed parts of both (`spec.humanReadableName` → `name`,
    /// `metadata.labels` without `project-id` → `labels`, the rest of `spec` → `spec`) are compared, and their
    /// difference is the merge patch; so defaults that the client left as they were stay defaults.
    /// - Parameters:
    ///   - requireResourceVersion: whether `metadata.resourceVersion` must be given (an update, PUT), as the API
    ///     server requires for custom resources.
    ///   - strict: whether unknown fields are an error (`fieldValidation=Strict`, `--strict`) rather than dropped
    ///     with a warning.
    /// - Throws: `ClusterResourceError`: 400 for a wrong `apiVersion` or `kind`, a name that is not the current one,
    ///   a part of the wrong JSON type, or unknown fields under `strict`; 409 for a stale `metadata.resourceVersion`
    ///   or another `metadata.uid`; 422 for a missing resource version on an update, a missing `spec`, or a changed
    ///   `project-id` label.
    public static func change(
        from current: JSONObject, to proposed: JSONValue, requireResourceVersion: Bool, strict: Bool
    ) throws(ClusterResourceError) -> Change {
        let currentMetadata = current["metadata"]?.objectValue ?? JSONObject()
        let name = currentMetadata["name"]?.stringValue ?? ""
        guard case .object(let object) = proposed else {
            throw ClusterResourceError(
                reason: .badRequest,
                message: "the \(kind) object must be a JSON object, not \(proposed.typeName == "array" ? "an" : "a") \(proposed.typeName)")
        }
        let givenAPIVersion = object["apiVersion"]?.stringValue ?? ""
        guard givenAPIVersion == apiVersion else {
            throw ClusterResourceError(
                reason: .badRequest,
                message: "the API version in the data (\(givenAPIVersion)) does not match the expected API version (\(apiVersion))")
        }
        let givenKind = object["kind"]?.stringValue ?? ""
        guard givenKind == kind else {
            throw ClusterResourceError(
                reason: .badRequest, message: "the kind in the data (\(givenKind)) does not match the expected kind (\(kind))")
        }
        guard case .object(let metadata) = object["metadata"] ?? .object(JSONObject()) else {
            throw ClusterResourceError(reason: .badRequest, message: "metadata of the \(kind) must be an object")
        }
        let givenName = metadata["name"]?.stringValue ?? ""
        guard givenName == name else {
            throw ClusterResourceError(
                reason: .badRequest, message: "the name of the object (\(givenName)) does not match the name on the URL (\(name))")
        }
        let currentUID = currentMetadata["uid"]?.stringValue ?? ""
        if let uid = metadata["uid"]?.stringValue, !uid.isEmpty, uid != currentUID {
            throw ClusterResourceError(
                reason: .conflict,
                message: "Operation cannot be fulfilled on \(groupResource) \(quoted(name)): Precondition failed: "
                    + "UID in precondition: \(currentUID), UID in object meta: \(uid)")
        }
        switch metadata["resourceVersion"] {
        case .string(let version) where !version.isEmpty:
            if version != currentMetadata["resourceVersion"]?.stringValue { throw .modified(name: name) }
        case nil, .null, .string:
            if requireResourceVersion {
                throw .invalid(
                    name: name,
                    [
                        ClusterResourceError.Cause(
                            reason: "FieldValueInvalid", field: "metadata.resourceVersion",
                            message: "Invalid value: 0x0: must be specified for an update")
                    ])
            }
        default:
            throw ClusterResourceError(reason: .badRequest, message: "metadata.resourceVersion of the \(kind) must be a string")
        }

        var warnings: [String] = []
        var unknown: [String] = []
        for (key, value) in object where !topLevelFields.contains(key) && !value.isNull { unknown.append(key) }
        for (key, value) in metadata where !systemMetadataFields.contains(key) && !value.isNull {
            if unkeptMetadataFields.contains(key) {
                if value != currentMetadata[key] && value != .object(JSONObject()) && value != .array([]) {
                    warnings.append("metadata.\(key) is not kept by kkp-mock (KKP's API Cluster has no place for it): the change was ignored")
                }
            } else {
                unknown.append("metadata.\(key)")
            }
        }

        let labels = try labels(of: metadata, name: name, projectID: currentLabelsProject(current))
        guard let specValue = object["spec"], !specValue.isNull else {
            throw .invalid(name: name, [ClusterResourceError.Cause(reason: "FieldValueRequired", field: "spec", message: "Required value")])
        }
        guard case .object(let spec) = specValue else {
            throw ClusterResourceError(reason: .badRequest, message: "spec of the \(kind) must be an object, not a \(specValue.typeName)")
        }
        let currentSpec = current["spec"]?.objectValue ?? JSONObject()
        for field in unsimulatedSpecFields.sorted() {
            if let value = spec[field], !value.isNull, value != currentSpec[field] {
                warnings.append("spec.\(field) is not simulated by kkp-mock and keeps its value: the change was ignored")
            }
        }
        if let value = object["address"], !value.isNull, value != current["address"] {
            warnings.append("address is derived from the cluster's API server URL (status.url) and is read-only: the change was ignored")
        }
        if let value = object["status"], !value.isNull, value != current["status"] {
            warnings.append("status is read-only: the change was ignored")
        }
        if !unknown.isEmpty {
            if strict { throw .unknownFields(unknown) }
            warnings += unknown.map { "unknown field \(quoted($0)) was dropped" }
        }

        var proposedREST = JSONObject()
        if let name = spec["humanReadableName"] { proposedREST["name"] = name }
        proposedREST["labels"] = .object(labels)
        proposedREST["spec"] = .object(restSpec(spec))
        let patch = MergePatch.diff(from: .object(restView(of: current)), to: .object(proposedREST))?.objectValue ?? JSONObject()
        return Change(patch: patch, warnings: warnings)
    }

    /// The REST-backed parts of a resource as a REST document: `name`, `labels`, `spec`.
    static func restView(of resource: JSONObject) -> JSONObject {
        let spec = resource["spec"]?.objectValue ?? JSONObject()
        var labels = resource.value(at: ["metadata", "labels"])?.objectValue ?? JSONObject()
        labels[projectLabel] = nil
        var view = JSONObject()
        if let name = spec["humanReadableName"] { view["name"] = name }
        view["labels"] = .object(labels)
        view["spec"] = .object(restSpec(spec))
        return view
    }

    /// A resource's `spec` without the members the REST API does not have.
    static func restSpec(_ spec: JSONObject) -> JSONObject {
        JSONObject(uniqueMembers: spec.members.filter { $0.key != "humanReadableName" && !unsimulatedSpecFields.contains($0.key) })
    }

    private static func currentLabelsProject(_ current: JSONObject) -> String {
        current.value(at: ["metadata", "labels", projectLabel])?.stringValue ?? ""
    }

    /// The REST labels of a proposed `metadata`: every label but `project-id`, which must stay the project's.
    private static func labels(of metadata: JSONObject, name: String, projectID: String) throws(ClusterResourceError) -> JSONObject {
        let value = metadata["labels"] ?? .null
        var labels: JSONObject
        switch value {
        case .null: labels = JSONObject()
        case .object(let object): labels = object
        default:
            throw .invalid(
                name: name,
                [
                    ClusterResourceError.Cause(
                        reason: "FieldValueInvalid", field: "metadata.labels",
                        message: "Invalid value: \(value.serializedString): must be an object of strings")
                ])
        }
        let given = labels[projectLabel]?.stringValue
        if given != projectID {
            let shown = labels[projectLabel].map { $0.serializedString } ?? "null"
            throw .invalid(
                name: name,
                [
                    ClusterResourceError.Cause(
                        reason: "FieldValueInvalid", field: "metadata.labels[\(projectLabel)]",
                        message:
                            "Invalid value: \(shown): a cluster stays in its project \(quoted(projectID)); kkp-mock moves no clusters between projects"
                    )
                ])
        }
        labels[projectLabel] = nil
        return labels
    }

    /// The Kubernetes error for a refusal of ``ClusterPolicy`` (a KKP 400 `APIError`) of a write through the view:
    /// a strict decoding error is a 400, any other refusal a 422 whose cause names the resource's field.
    public static func error(translating error: APIError, name: String) -> ClusterResourceError {
        var message = error.message
        for prefix in ["invalid cluster: ", "cannot decode patched cluster: "] where message.hasPrefix(prefix) {
            message = String(message.dropFirst(prefix.count))
        }
        let unknownPrefix = "unknown field "
        if message.hasPrefix("json: " + unknownPrefix) {
            let paths = error.details.compactMap { detail -> String? in
                guard detail.hasPrefix(unknownPrefix) else { return nil }
                return String(detail.dropFirst(unknownPrefix.count)).trimmingQuotes()
            }
            return .unknownFields(paths.map(resourcePath))
        }
        var field = ""
        var reason = "FieldValueInvalid"
        var detail = message
        if message == "no name specified" {
            (field, reason, detail) = ("spec.humanReadableName", "FieldValueRequired", "Required value")
        } else if message.hasPrefix("json: cannot unmarshal "), let range = message.firstRange(of: " Go struct field Cluster.") {
            let rest = message[range.upperBound...]
            let path = rest.prefix { $0 != " " }
            field = resourcePath(String(path))
            detail = "Invalid value: " + String(message.dropFirst("json: ".count))
        } else if message.hasPrefix("spec.version: ") {
            field = "spec.version"
            detail = String(message.dropFirst("spec.version: ".count))
            if detail.hasPrefix("Unsupported value") { reason = "FieldValueNotSupported" }
        } else if message == "Invalid Semantic Version" {
            field = "spec.version"
            detail = "Invalid value: " + (error.details.first ?? message)
        } else if message.hasPrefix("changing the datacenter") {
            (field, detail) = ("spec.cloud.dc", "Forbidden: " + message)
            reason = "FieldValueForbidden"
        } else if message.hasPrefix("not allowed to change the cloud provider") {
            (field, detail) = ("spec.cloud", "Forbidden: " + message)
            reason = "FieldValueForbidden"
        } else if !error.details.isEmpty {
            detail += " (" + error.details.joined(separator: "; ") + ")"
        }
        return .invalid(name: name, [ClusterResourceError.Cause(reason: reason, field: field, message: detail)])
    }

    /// The resource's path of a REST Cluster path: `name` is `spec.humanReadableName`, `labels` `metadata.labels`.
    static func resourcePath(_ restPath: String) -> String {
        if restPath == "name" { return "spec.humanReadableName" }
        if restPath == "labels" || restPath.hasPrefix("labels.") { return "metadata." + restPath }
        return restPath
    }
}

extension StringProtocol {
    /// The text without one pair of surrounding double quotes.
    func trimmingQuotes() -> String {
        hasPrefix("\"") && hasSuffix("\"") && count >= 2 ? String(dropFirst().dropLast()) : String(self)
    }

}

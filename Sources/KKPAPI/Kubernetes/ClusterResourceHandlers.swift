import KKPCore
import KKPStore
import MicroHTTP

/// The `clusters` resource of `kubermatic.k8s.io/v1`: list, get, patch (JSON merge patch and JSON Patch) and
/// update (PUT), over the same store and the same write path (``ClusterPolicy``) as the REST API.
///
/// A write maps the resource the client wants back to a merge patch of the REST intent
/// (``ClusterResource/change(from:to:requireResourceVersion:strict:)``), inside the store's transaction, so a change
/// made here is a change of the REST document (and the other way round), with the store's one resource version.
enum ClusterResourceHandlers {
    // MARK: Reads

    /// `GET /apis/kubermatic.k8s.io/v1/clusters`: the clusters the caller may read, by name, as a `ClusterList` or a
    /// `Table`; `labelSelector` and `fieldSelector` (`metadata.name`) filter them. `watch` is a 405: there is no watch.
    static let list: Handler = { context in
        if let watch = context.request.queryValue("watch"), watch == "true" || watch == "1" {
            throw KubernetesStatus.methodNotAllowed  // no watch: the resource's verbs are get, list, patch and update
        }
        let media = try KubernetesMediaType.negotiate(context.request.headers["Accept"], allowsTable: true)
        let labels = try selector(context, "labelSelector")
        let fields = try selector(context, "fieldSelector")
        for requirement in fields.requirements where requirement.key != "metadata.name" {
            throw KubernetesStatus.badRequest("field label not supported: \(requirement.key)")
        }
        let directory = context.store.directory
        var clusters: [StoredCluster] = []
        for project in directory.projects where (try? Authentication.authorize(context.user, project, write: false)) != nil {
            clusters += try context.store.clusters(projectID: project.id)
        }
        clusters.sort { $0.id < $1.id }
        let resourceVersion = String(clusters.map(\.resourceVersion).max() ?? 0)
        var resources: [JSONObject] = []
        for cluster in clusters where fields.matches(["metadata.name": cluster.id]) {
            let resource = try resource(of: cluster, directory: directory)
            var labelMap: [String: String] = [:]
            for (key, value) in resource.value(at: ["metadata", "labels"])?.objectValue ?? JSONObject() {
                labelMap[key] = value.stringValue ?? value.serializedString
            }
            if labels.matches(labelMap) { resources.append(resource) }
        }
        switch media {
        case .table(let version):
            return .kubernetesObject(
                ClusterTable.table(
                    version: version, resources: resources, resourceVersion: resourceVersion, now: context.clock.now(),
                    rowObject: try rowObject(context)))
        case .json:
            return .kubernetesObject([
                "apiVersion": .string(ClusterResource.apiVersion), "kind": .string(ClusterResource.listKind),
                "metadata": ["resourceVersion": .string(resourceVersion)], "items": .array(resources.map(JSONValue.object)),
            ])
        }
    }

    /// `GET /apis/kubermatic.k8s.io/v1/clusters/{name}`: the resource, or a one-row `Table`.
    static let get: Handler = { context in
        let media = try KubernetesMediaType.negotiate(context.request.headers["Accept"], allowsTable: true)
        let cluster = try find(context, verb: "get", write: false)
        let resource = try resource(of: cluster, directory: context.store.directory)
        switch media {
        case .table(let version):
            return .kubernetesObject(
                ClusterTable.table(
                    version: version, resources: [resource], resourceVersion: String(cluster.resourceVersion), now: context.clock.now(),
                    rowObject: try rowObject(context)))
        case .json:
            return .kubernetesObject(resource)
        }
    }

    // MARK: Writes

    /// The patch formats the resource takes (custom resources have no strategic merge patch).
    private enum PatchFormat {
        case merge(JSONValue)
        case json([JSONPatch.Operation])
    }

    /// `PATCH /apis/kubermatic.k8s.io/v1/clusters/{name}` with `application/merge-patch+json` (RFC 7396) or
    /// `application/json-patch+json` (RFC 6902); anything else, strategic merge patch included, is a 415 `Status`.
    static let patch: Handler = { context in
        let mediaType = (context.request.headers["Content-Type"] ?? "").split(separator: ";").first.map {
            $0.trimmingBlanks().lowercased()
        }
        let format: PatchFormat
        switch mediaType {
        case "application/merge-patch+json":
            format = .merge(try parseBody(context, what: "patch"))
        case "application/json-patch+json":
            do {
                format = .json(try JSONPatch.operations(of: try parseBody(context, what: "patch")))
            } catch let error as JSONPatchError {
                throw KubernetesStatus.badRequest(error.message)
            }
        default:
            throw KubernetesStatus.unsupportedPatchType
        }
        return try write(context, verb: "patch", requireResourceVersion: false) { current throws -> JSONValue in
            switch format {
            case .merge(let patch):
                return MergePatch.apply(patch, to: .object(current))
            case .json(let operations):
                do throws(JSONPatchError) {
                    return try JSONPatch.apply(operations, to: .object(current))
                } catch {
                    throw KubernetesStatus(code: 422, reason: "Invalid", message: error.message)
                }
            }
        }
    }

    /// `PUT /apis/kubermatic.k8s.io/v1/clusters/{name}` (kubectl replace): the whole resource, with the
    /// `metadata.resourceVersion` it was read at (409 `Conflict` when stale, 422 when missing).
    static let replace: Handler = { context in
        let body = try parseBody(context, what: "object")
        return try write(context, verb: "update", requireResourceVersion: true) { _ in body }
    }

    /// The result of a dry run (`dryRun=All`): thrown out of the store's transaction so that nothing is written.
    private struct DryRun: Error {
        let documents: ClusterDocuments
        let resourceVersion: Int
    }

    /// The write path of the view: in one store transaction, the current resource, the resource the client wants
    /// (`proposal`), the REST merge patch between them, ``ClusterPolicy``, and the stored result.
    private static func write(
        _ context: RequestContext, verb: String, requireResourceVersion: Bool, proposal: @escaping (JSONObject) throws -> JSONValue
    ) throws -> HTTPResponse {
        let found = try find(context, verb: verb, write: true)
        let name = found.id
        var policy = context.policy
        if context.request.queryValue("fieldValidation") == "Strict" { policy.strict = true }
        let dryRun = context.request.queryValues("dryRun").contains("All")
        let owner = ownerEmail(of: found.projectID, in: context.store.directory)
        func placement(_ resourceVersion: Int) -> ClusterResource.Placement {
            ClusterResource.Placement(projectID: found.projectID, resourceVersion: resourceVersion, ownerEmail: owner)
        }
        var warnings: [String] = []
        do {
            let stored = try context.store.updateCluster(id: name) { record in
                guard record.projectID == found.projectID else { throw KubernetesStatus.notFound(name) }
                let current = ClusterResource.object(from: record.documents.effective, placement: placement(record.resourceVersion))
                let change: ClusterResource.Change
                do {
                    change = try ClusterResource.change(
                        from: current, to: try proposal(current), requireResourceVersion: requireResourceVersion, strict: policy.strict)
                } catch let error as ClusterResourceError {
                    throw KubernetesStatus(error, name: name)
                }
                warnings = change.warnings
                var documents = record.documents
                if !change.patch.isEmpty {
                    do throws(APIError) {
                        let write = try policy.patch(.object(change.patch), stored: record.documents)
                        warnings += write.warnings
                        documents = write.documents
                    } catch {
                        throw KubernetesStatus(ClusterResource.error(translating: error, name: name), name: name)
                    }
                }
                if dryRun { throw DryRun(documents: documents, resourceVersion: record.resourceVersion) }
                return documents
            }
            return .kubernetesObject(try resource(of: stored, directory: context.store.directory), warnings: warnings)
        } catch let dry as DryRun {
            return .kubernetesObject(
                ClusterResource.object(from: dry.documents.effective, placement: placement(dry.resourceVersion)), warnings: warnings)
        } catch let error as StoreError where error.kind == .notFound {
            throw KubernetesStatus.notFound(name)
        }
    }

    // MARK: Helpers

    /// The cluster of the `{name}` parameter, checked for the caller's right to read (or change) it: KKP's rules,
    /// in RBAC's words.
    /// - Throws: `KubernetesStatus` 404 when there is no such cluster, 403 when the caller may not `verb` it.
    private static func find(_ context: RequestContext, verb: String, write: Bool) throws -> StoredCluster {
        let name = context.parameter("name")
        guard let cluster = try context.store.cluster(id: name) else { throw KubernetesStatus.notFound(name) }
        if let user = context.user, let project = context.store.directory.project(id: cluster.projectID) {
            do {
                try Authentication.authorize(user, project, write: write)
            } catch {
                let reason = error.message.hasPrefix("forbidden: ") ? String(error.message.dropFirst("forbidden: ".count)) : error.message
                throw KubernetesStatus.forbidden(name, verb: verb, user: user, because: reason)
            }
        }
        return cluster
    }

    /// The resource of a stored cluster.
    private static func resource(of cluster: StoredCluster, directory: Directory) throws -> JSONObject {
        let document = try JSONValue(parsing: cluster.effectiveJSON).objectValue ?? JSONObject()
        return ClusterResource.object(
            from: document,
            placement: ClusterResource.Placement(
                projectID: cluster.projectID, resourceVersion: cluster.resourceVersion,
                ownerEmail: ownerEmail(of: cluster.projectID, in: directory)))
    }

    /// The e-mail address of a project's first owner in the fixtures, or `""`.
    private static func ownerEmail(of projectID: String, in directory: Directory) -> String {
        directory.users.first { $0.memberships[projectID] == "owners" }?.email ?? ""
    }

    /// The request body as JSON.
    /// - Throws: `KubernetesStatus` 400 when it is not one JSON value.
    private static func parseBody(_ context: RequestContext, what: String) throws -> JSONValue {
        do {
            return try JSONValue(parsing: context.request.body)
        } catch {
            throw KubernetesStatus.badRequest("the \(what) is not valid JSON: \(error.description)")
        }
    }

    /// The selector in the query parameter `name` (empty when absent).
    private static func selector(_ context: RequestContext, _ name: String) throws -> LabelSelector {
        do {
            return try LabelSelector(parsing: context.request.queryValue(name) ?? "")
        } catch {
            throw KubernetesStatus.badRequest("invalid \(name): \(error.message)")
        }
    }

    /// The `includeObject` query parameter of a table request.
    private static func rowObject(_ context: RequestContext) throws -> ClusterTable.RowObject {
        guard let value = context.request.queryValue("includeObject"), !value.isEmpty else { return .metadata }
        guard let rowObject = ClusterTable.RowObject(rawValue: value) else {
            throw KubernetesStatus.badRequest("includeObject must be one of None, Metadata, Object, not \(quoted(value))")
        }
        return rowObject
    }
}

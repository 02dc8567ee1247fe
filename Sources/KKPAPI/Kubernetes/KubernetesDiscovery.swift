import KKPCore
import MicroHTTP

/// The discovery documents kubectl and Kubernetes clients read before they touch a resource: `/version`, `/api`,
/// `/apis`, `/apis/kubermatic.k8s.io`, `/apis/kubermatic.k8s.io/v1`, and the OpenAPI document `kubectl edit`
/// validates against (`/openapi/v2`).
///
/// kkp-mock answers as a Kubernetes 1.20.2 API server (the seed clusters of KKP v2.16) that serves one resource:
/// `clusters` of `kubermatic.k8s.io/v1`. It has no core (`/api/v1`) resources: `/api` lists no versions (the
/// KKP REST API owns `/api/v1`). Aggregated discovery (`as=APIGroupDiscoveryList`), which 1.20 does not have, is
/// answered with the plain lists, as a 1.20 server does; kubectl 1.32 falls back to them.
enum KubernetesDiscovery {
    /// `GET /version`: the version of the API server kkp-mock stands in for. Open, as Kubernetes' public-info role
    /// makes it; the Python client's DynamicClient needs it.
    static let version: Handler = { _ in
        .kubernetesObject([
            "major": "1",
            "minor": "20",
            "gitVersion": "v1.20.2",
            "gitCommit": "faecb196815e248d3ecfb03c680a4507229c2a56",
            "gitTreeState": "clean",
            "buildDate": "2021-01-13T13:20:00Z",
            "goVersion": "go1.15.5",
            "compiler": "gc",
            "platform": "linux/amd64",
        ])
    }

    /// `GET /api`: the core group's versions, none.
    static let coreVersions: Handler = { context in
        _ = try KubernetesMediaType.negotiate(context.request.headers["Accept"], allowsTable: false)
        return .kubernetesObject(["kind": "APIVersions", "versions": [], "serverAddressByClientCIDRs": []])
    }

    /// The group's version, as `versions` and `preferredVersion` list it.
    private static let groupVersion: JSONValue = [
        "groupVersion": .string(ClusterResource.apiVersion), "version": .string(ClusterResource.version),
    ]

    /// The `APIGroup` of `kubermatic.k8s.io`, without `kind` and `apiVersion`.
    private static let group: JSONObject = [
        "name": .string(ClusterResource.group), "versions": [groupVersion], "preferredVersion": groupVersion,
    ]

    /// `GET /apis`: the `APIGroupList`, one group.
    static let groups: Handler = { context in
        _ = try KubernetesMediaType.negotiate(context.request.headers["Accept"], allowsTable: false)
        return .kubernetesObject(["kind": "APIGroupList", "apiVersion": "v1", "groups": [.object(group)]])
    }

    /// `GET /apis/kubermatic.k8s.io`: the `APIGroup`.
    static let kubermaticGroup: Handler = { context in
        _ = try KubernetesMediaType.negotiate(context.request.headers["Accept"], allowsTable: false)
        var document: JSONObject = ["kind": "APIGroup", "apiVersion": "v1"]
        for member in group { document[member.key] = member.value }
        return .kubernetesObject(document)
    }

    /// `GET /apis/kubermatic.k8s.io/v1`: the `APIResourceList`, one resource: `clusters`, cluster-scoped, short
    /// name `cl`, verbs get, list, patch and update.
    static let resources: Handler = { context in
        _ = try KubernetesMediaType.negotiate(context.request.headers["Accept"], allowsTable: false)
        let clusters: JSONObject = [
            "name": .string(ClusterResource.plural),
            "singularName": .string(ClusterResource.singular),
            "namespaced": false,
            "kind": .string(ClusterResource.kind),
            "verbs": ["get", "list", "patch", "update"],
            "shortNames": .array(ClusterResource.shortNames.map(JSONValue.string)),
        ]
        return .kubernetesObject([
            "kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(ClusterResource.apiVersion),
            "resources": [.object(clusters)],
        ])
    }

    /// The OpenAPI document's title and version.
    static let openAPIInfo = (title: "Kubernetes", version: "v1.20.2")

    /// `GET /openapi/v2`: a Swagger 2.0 document with no schemas (KKP v2.16's Cluster CRD has none), as protobuf
    /// when the client asks for it (kubectl does, and fails on JSON or on a `Content-Type` with `@`) and as JSON
    /// otherwise.
    static let openAPIV2: Handler = { context in
        let accept = context.request.headers["Accept"] ?? ""
        if accept.lowercased().contains("protobuf") {
            return HTTPResponse(status: .ok, headers: ["Content-Type": "application/octet-stream"], body: openAPIProtobuf())
        }
        _ = try KubernetesMediaType.negotiate(accept, allowsTable: false)
        return .kubernetesObject([
            "swagger": "2.0",
            "info": ["title": .string(openAPIInfo.title), "version": .string(openAPIInfo.version)],
            "paths": [:],
        ])
    }

    /// The protobuf encoding (gnostic's `openapi_v2.Document`) of the JSON document: field 1 `swagger`, field 2
    /// `info` with field 1 `title` and field 2 `version`.
    static func openAPIProtobuf() -> [UInt8] {
        func field(_ number: UInt8, _ bytes: [UInt8]) -> [UInt8] {
            precondition(bytes.count < 128, "short fields only")
            return [number << 3 | 2, UInt8(bytes.count)] + bytes
        }
        let info = field(1, Array(openAPIInfo.title.utf8)) + field(2, Array(openAPIInfo.version.utf8))
        return field(1, Array("2.0".utf8)) + field(2, info)
    }
}

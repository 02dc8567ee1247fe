/// The Kubernetes view of a cluster: KKP v2.16's `Cluster` custom resource (`kubermatic.k8s.io/v1`, cluster-scoped,
/// `pkg/crd/kubermatic/v1/cluster.go`), mapped from the REST API's effective Cluster document.
///
/// The mapping is pure. `metadata.name` is the cluster id, `metadata.labels` the cluster's labels plus the system
/// label `project-id`, `spec.humanReadableName` the REST `name`, the rest of `spec` the REST `spec` (with the
/// effective `serviceAccount`) plus the fields KKP's controllers set and kkp-mock does not simulate
/// (`clusterNetwork`, `componentsOverride`, `exposeStrategy`, `pause`), `address` what KKP derives from the API
/// server's URL (REST `status.url`), and `status` the control plane's namespace, owner and health. Members are
/// sorted by name at every level, as the API server writes custom resources (they are stored unstructured).
/// The reverse direction, a changed resource to a REST merge patch, is ``change(from:to:requireResourceVersion:strict:)``.
public enum ClusterResource {
    /// The API group.
    public static let group = "kubermatic.k8s.io"
    /// The version of the group.
    public static let version = "v1"
    /// `apiVersion` of the resource.
    public static let apiVersion = "kubermatic.k8s.io/v1"
    /// `kind` of the resource.
    public static let kind = "Cluster"
    /// `kind` of a list of clusters.
    public static let listKind = "ClusterList"
    /// The resource's plural name, its path segment.
    public static let plural = "clusters"
    /// The resource's singular name.
    public static let singular = "cluster"
    /// The short names kubectl accepts.
    public static let shortNames = ["cl"]
    /// The group resource as Kubernetes messages name it: `clusters.kubermatic.k8s.io`.
    public static let groupResource = "clusters.kubermatic.k8s.io"
    /// The system label that names a cluster's project.
    public static let projectLabel = "project-id"
    /// The KKP version the status reports (the release whose versions the fixtures offer).
    public static let kubermaticVersion = "v2.16.0"

    /// `spec` members of the resource that KKP's controllers own and kkp-mock shows with fixed values: a write that
    /// changes them is answered with the value kept and a warning.
    public static let unsimulatedSpecFields: Set<String> = [
        "clusterNetwork", "componentsOverride", "exposeStrategy", "pause", "pauseReason", "features", "masterVersion",
    ]

    /// What the resource shows beyond the REST document: the cluster's project, its resource version and its owner.
    public struct Placement: Sendable, Equatable {
        /// The project the cluster belongs to.
        public var projectID: String
        /// The store's resource version of the cluster's last write.
        public var resourceVersion: Int
        /// The e-mail address of the project's owner (`status.userEmail`); empty when unknown.
        public var ownerEmail: String

        /// A placement.
        public init(projectID: String, resourceVersion: Int, ownerEmail: String) {
            self.projectID = projectID
            self.resourceVersion = resourceVersion
            self.ownerEmail = ownerEmail
        }
    }

    /// The resource of a cluster.
    /// - Parameters:
    ///   - cluster: the REST API's effective Cluster document.
    ///   - placement: the project, resource version and owner.
    public static func object(from cluster: JSONObject, placement: Placement) -> JSONObject {
        let id = cluster["id"]?.stringValue ?? ""
        var metadata: JSONObject = [
            "name": .string(id),
            "uid": .string(uid(of: id)),
            "resourceVersion": .string(String(placement.resourceVersion)),
            "creationTimestamp": cluster["creationTimestamp"] ?? .string(""),
        ]
        if let deletion = cluster["deletionTimestamp"], !deletion.isNull { metadata["deletionTimestamp"] = deletion }
        var labels = cluster["labels"]?.objectValue ?? JSONObject()
        labels[projectLabel] = .string(placement.projectID)
        metadata["labels"] = .object(labels)

        var spec = cluster["spec"]?.objectValue ?? JSONObject()
        spec["humanReadableName"] = cluster["name"] ?? .string("")
        spec["clusterNetwork"] = [
            "dnsDomain": "cluster.local",
            "pods": ["cidrBlocks": ["172.25.0.0/16"]],
            "proxyMode": "ipvs",
            "services": ["cidrBlocks": ["10.240.16.0/20"]],
        ]
        spec["componentsOverride"] = [
            "apiserver": [:], "controllerManager": [:], "etcd": [:], "prometheus": [:], "scheduler": [:],
        ]
        spec["exposeStrategy"] = "NodePort"
        spec["pause"] = false

        let restStatus = cluster["status"]?.objectValue ?? JSONObject()
        var status: JSONObject = [
            "namespaceName": .string("cluster-\(id)"),
            "userEmail": .string(placement.ownerEmail),
            "kubermatic_version": .string(kubermaticVersion),
            "extendedHealth": .object(
                JSONObject(
                    [
                        "apiserver", "cloudProviderInfrastructure", "controller", "etcd", "machineController", "openvpn",
                        "scheduler", "userClusterControllerManager",
                    ].map { (key: $0, value: JSONValue.number(JSONNumber(1))) })),
        ]
        if let inherited = cluster["inheritedLabels"], !inherited.isNull { status["inheritedLabels"] = inherited }

        let resource: JSONObject = [
            "apiVersion": .string(apiVersion),
            "kind": .string(kind),
            "metadata": .object(metadata),
            "spec": .object(spec),
            "address": .object(address(id: id, url: restStatus["url"]?.stringValue ?? "")),
            "status": .object(status),
        ]
        return resource.sortedByKey()
    }

    /// The `address` KKP derives for a cluster whose API server answers at `url` (`https://host:port`): the URL,
    /// the port, the external name (the host), the seed-internal name of the API server service, an admin token
    /// and an IP (both made up, stable per cluster: kkp-mock runs no control planes).
    public static func address(id: String, url: String) -> JSONObject {
        var host = Substring(url)
        for scheme in ["https://", "http://"] where host.hasPrefix(scheme) { host = host.dropFirst(scheme.count) }
        if let slash = host.firstIndex(of: "/") { host = host[..<slash] }
        var port = url.hasPrefix("http://") ? 80 : 443
        if let colon = host.lastIndex(of: ":"), let number = Int(host[host.index(after: colon)...]) {
            port = number
            host = host[..<colon]
        }
        let hash = fnv1a("address:" + id)
        let tokenAlphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        var state = hash
        var token = ""
        for index in 0..<23 {
            if index == 6 {
                token.append(".")
                continue
            }
            token.append(tokenAlphabet[Int(state % UInt64(tokenAlphabet.count))])
            state = state / UInt64(tokenAlphabet.count) ^ (state &* 0x9E37_79B9_7F4A_7C15)
        }
        return [
            "url": .string(url),
            "port": .number(JSONNumber(port)),
            "externalName": .string(String(host)),
            "internalURL": .string("apiserver-external.cluster-\(id).svc.cluster.local."),
            "adminToken": .string(token),
            "ip": .string("203.0.113.\(1 + hash % 254)"),
        ]
    }

    /// A UID for a cluster, stable for its id: a version-8 UUID from two 64-bit FNV-1a hashes of the id.
    public static func uid(of id: String) -> String {
        var bytes: [UInt8] = []
        for word in [fnv1a("uid:" + id), fnv1a("uid2:" + id)] {
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        bytes[6] = bytes[6] & 0x0F | 0x80
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex = bytes.map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
        return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]].map { $0.joined() }.joined(separator: "-")
    }

    /// 64-bit FNV-1a of the UTF-8 bytes of `text`.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }
}

extension JSONObject {
    /// This object with members sorted by key (byte order of their UTF-8), recursively through objects and arrays,
    /// as Go's `encoding/json` writes a `map[string]interface{}`.
    public func sortedByKey() -> JSONObject {
        JSONObject(
            uniqueMembers: members.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }.map {
                (key: $0.key, value: $0.value.sortedByKey())
            })
    }
}

extension JSONValue {
    /// This value with the members of every object in it sorted by key.
    public func sortedByKey() -> JSONValue {
        switch self {
        case .object(let object): .object(object.sortedByKey())
        case .array(let elements): .array(elements.map { $0.sortedByKey() })
        default: self
        }
    }
}

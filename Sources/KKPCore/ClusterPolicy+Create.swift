/// What the server, not the client, gives a new cluster.
public struct NewClusterIdentity: Sendable, Equatable {
    /// The cluster id, from KKP's alphabet.
    public var id: String
    /// The creation time, RFC 3339.
    public var creationTimestamp: String

    /// An identity.
    public init(id: String, creationTimestamp: String) {
        self.id = id
        self.creationTimestamp = creationTimestamp
    }
}

extension ClusterPolicy {
    /// Fields of a create request the server owns: dropped with a warning (`id` is an error, as in KKP).
    static let serverOwnedOnCreate = ["creationTimestamp", "deletionTimestamp", "status", "credential", "inheritedLabels"]

    /// Builds a new cluster from KKP's `CreateClusterSpec` body (`{"cluster": Cluster, "nodeDeployment"?: …}`).
    ///
    /// - Parameters:
    ///   - body: the parsed request body.
    ///   - directory: seeds and datacenters.
    ///   - seedName: the seed of a v1 path (`/dc/{dc}/`), which must hold the datacenter; `nil` for v2.
    ///   - identity: the id and creation time the server gives the cluster.
    /// - Returns: the seed the cluster lands on and the documents to store.
    /// - Throws: `APIError` 400 for a malformed request (no name, no version, an unsupported version, a set id,
    ///   wrong types, a provider that is not the datacenter's), 404 when the datacenter is unknown.
    public func create(
        _ body: JSONValue,
        directory: Directory,
        seedName: String?,
        identity: NewClusterIdentity
    ) throws(APIError) -> (seed: Seed, write: ClusterWrite) {
        guard case .object(let request) = body else {
            throw APIError.badRequest(
                "cannot decode create cluster request: json: cannot unmarshal \(body.typeName) into Go value of type v1.CreateClusterSpec"
            )
        }
        let requestSchema = FieldSchema.object(goType: "v1.CreateClusterSpec", closed: false, members: [("cluster", ClusterSchema.cluster)])
        if let mismatch = requestSchema.firstMismatch(in: body.removingNullMembers(), path: "") {
            throw APIError.badRequest("cannot decode create cluster request: " + mismatch.message(root: "CreateClusterSpec"))
        }
        var intent = (request["cluster"]?.objectValue ?? JSONObject()).removingNulls()
        var warnings: [String] = []
        if let id = intent["id"]?.stringValue, !id.isEmpty {
            throw APIError.badRequest("cluster.ID is read-only")
        }
        for field in Self.serverOwnedOnCreate where intent[field] != nil {
            intent[field] = nil
            warnings.append("cluster.\(field) is set by the server: the value sent was ignored")
        }
        if request["nodeDeployment"].map({ !$0.isNull }) == true {
            warnings.append("nodeDeployment is accepted but not simulated: kkp-mock runs no machines")
        }
        let type = intent["type"]?.stringValue ?? "kubernetes"
        guard type == "kubernetes" else {
            throw APIError.badRequest("invalid cluster: unsupported cluster type \(quoted(type)): kkp-mock serves \"kubernetes\" clusters")
        }
        guard let name = intent["name"]?.stringValue, !name.isEmpty else {
            throw APIError.badRequest("invalid cluster: no name specified")
        }
        guard let dcName = intent.value(at: ["spec", "cloud", "dc"])?.stringValue, !dcName.isEmpty else {
            throw APIError.badRequest("invalid cluster: invalid cloud spec: no node datacenter specified")
        }
        guard let datacenter = directory.datacenter(named: dcName), seedName == nil || datacenter.seed == seedName,
            let seed = directory.seed(named: datacenter.seed)
        else { throw APIError.notFound(kind: "datacenter", name: dcName) }
        let providers = (intent.value(at: ["spec", "cloud"])?.objectValue?.keys ?? []).filter { $0 != "dc" }
        switch providers.count {
        case 0:
            intent.setValue(.object(JSONObject()), at: ["spec", "cloud", datacenter.provider])
        case 1 where providers[0] == datacenter.provider:
            break
        default:
            throw APIError.badRequest(
                "invalid cluster: invalid cloud spec: datacenter \(quoted(dcName)) is a \(quoted(datacenter.provider)) datacenter, "
                    + "but spec.cloud names \(providers.map(quoted).joined(separator: ", "))"
            )
        }
        if let text = intent.value(at: ["spec", "version"])?.stringValue, let version = SemanticVersion(parsing: text),
            !catalog.supports(version)
        {
            throw APIError.badRequest("invalid cluster: invalid cloud spec: unsupported version \(version)")
        }
        var ordered = JSONObject(uniqueMembers: [
            (key: "id", value: .string(identity.id)),
            (key: "name", value: .string(name)),
            (key: "creationTimestamp", value: .string(identity.creationTimestamp)),
            (key: "type", value: .string(type)),
        ])
        for member in intent where ordered[member.key] == nil { ordered[member.key] = member.value }
        ordered["status"] = ["url": .string(Self.apiServerURL(id: identity.id, seed: seed))]
        let write = try admit(ordered)
        return (seed, ClusterWrite(documents: write.documents, warnings: warnings + write.warnings))
    }

    /// The API server URL of a new cluster, `https://<id>.<seed domain>:<port>`, with a NodePort-range port derived
    /// from the id (stable for an id, so deterministic runs give the same URL).
    public static func apiServerURL(id: String, seed: Seed) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in id.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return "https://\(id).\(seed.domain):\(30000 + Int(hash % 2768))"
    }
}

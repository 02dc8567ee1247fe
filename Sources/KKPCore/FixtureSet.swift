/// The contents of a fixtures directory, checked and ready to seed a store.
///
/// The format is kkp-mock's own (the README documents it): five JSON files, `versions.json`, `seeds.json`,
/// `users.json`, `projects.json` and `clusters.json`. Every cluster goes through ``ClusterPolicy/admit(_:previous:)``,
/// the same path as a create, so a fixture cannot hold a cluster the API would refuse.
public struct FixtureSet: Sendable, Equatable {
    /// A seeded cluster: its project and its documents.
    public struct Cluster: Sendable, Equatable {
        /// The project the cluster belongs to.
        public var projectID: String
        /// The seed hosting the cluster (the seed of its datacenter).
        public var seed: String
        /// The documents to store.
        public var documents: ClusterDocuments

        /// The cluster id (`id` of the intent).
        public var id: String { documents.intent["id"]?.stringValue ?? "" }
    }

    /// Projects, users, seeds, datacenters and versions.
    public var directory: Directory
    /// Clusters, in fixture order.
    public var clusters: [Cluster]

    /// The names of the files a fixtures directory holds, in the order they are read.
    public static let fileNames = ["versions.json", "seeds.json", "users.json", "projects.json", "clusters.json"]

    /// Checks parsed fixture files and builds the fixture set.
    /// - Parameter files: each file's parsed content, keyed by its name in ``fileNames``.
    /// - Throws: `FixtureError` naming the file and the entry at fault.
    public init(files: [String: JSONValue]) throws(FixtureError) {
        let catalog = try Self.catalog(try Self.file("versions.json", in: files))
        let (seeds, datacenters) = try Self.seeds(try Self.file("seeds.json", in: files))
        let userEntries = try Self.file("users.json", in: files)
        let projectEntries = try Self.file("projects.json", in: files)
        let users = try Self.users(userEntries)
        let projects = try Self.projects(projectEntries, users: users)
        for user in users {
            for projectID in user.memberships.keys where !projects.contains(where: { $0.id == projectID }) {
                throw FixtureError("users.json", "user \(quoted(user.id)) is a member of unknown project \(quoted(projectID))")
            }
        }
        directory = Directory(projects: projects, users: users, seeds: seeds, datacenters: datacenters, catalog: catalog)
        clusters = try Self.clusters(try Self.file("clusters.json", in: files), directory: directory)
    }

    private static func file(_ name: String, in files: [String: JSONValue]) throws(FixtureError) -> JSONValue {
        guard let value = files[name] else { throw FixtureError(name, "the file is missing") }
        return value
    }

    private static func catalog(_ value: JSONValue) throws(FixtureError) -> VersionCatalog {
        let file = "versions.json"
        guard let texts = value["versions"]?.arrayValue, !texts.isEmpty else {
            throw FixtureError(file, "expected {\"versions\": [\"1.19.3\", …], \"default\": \"1.19.3\"}")
        }
        var versions: [SemanticVersion] = []
        for text in texts {
            guard let string = text.stringValue, let version = SemanticVersion(parsing: string) else {
                throw FixtureError(file, "\(text.serializedString) is not a semantic version")
            }
            versions.append(version)
        }
        var defaultVersion: SemanticVersion?
        if let text = value["default"], !text.isNull {
            guard let string = text.stringValue, let version = SemanticVersion(parsing: string), versions.contains(version) else {
                throw FixtureError(file, "the default \(text.serializedString) is not one of the versions")
            }
            defaultVersion = version
        }
        return VersionCatalog(versions: versions, defaultVersion: defaultVersion)
    }

    private static func seeds(_ value: JSONValue) throws(FixtureError) -> ([Seed], [Datacenter]) {
        let file = "seeds.json"
        guard let entries = value.arrayValue else { throw FixtureError(file, "expected an array of seeds") }
        var seeds: [Seed] = []
        var datacenters: [Datacenter] = []
        for entry in entries {
            guard let name = entry["name"]?.stringValue, !name.isEmpty,
                let domain = entry["domain"]?.stringValue, !domain.isEmpty
            else { throw FixtureError(file, "every seed needs a \"name\" and a \"domain\"") }
            guard !seeds.contains(where: { $0.name == name }) else { throw FixtureError(file, "seed \(quoted(name)) appears twice") }
            seeds.append(Seed(name: name, domain: domain))
            for dc in entry["datacenters"]?.arrayValue ?? [] {
                guard let dcName = dc["name"]?.stringValue, !dcName.isEmpty,
                    let provider = dc["provider"]?.stringValue, !provider.isEmpty
                else { throw FixtureError(file, "every datacenter of seed \(quoted(name)) needs a \"name\" and a \"provider\"") }
                guard !datacenters.contains(where: { $0.name == dcName }) else {
                    throw FixtureError(file, "datacenter \(quoted(dcName)) appears twice")
                }
                var spec = JSONObject()
                spec["seed"] = .string(name)
                spec["country"] = dc["country"] ?? .string("")
                spec["location"] = dc["location"] ?? .string("")
                spec["provider"] = .string(provider)
                spec[provider] = dc[provider] ?? .object(JSONObject())
                let document: JSONValue = ["metadata": ["name": .string(dcName)], "spec": .object(spec)]
                datacenters.append(Datacenter(name: dcName, seed: name, provider: provider, document: document.objectValue!))
            }
        }
        return (seeds, datacenters)
    }

    private static func users(_ value: JSONValue) throws(FixtureError) -> [User] {
        let file = "users.json"
        guard let entries = value.arrayValue else { throw FixtureError(file, "expected an array of users") }
        var users: [User] = []
        for entry in entries {
            guard let id = entry["id"]?.stringValue, !id.isEmpty, let email = entry["email"]?.stringValue else {
                throw FixtureError(file, "every user needs an \"id\" and an \"email\"")
            }
            let tokens = (entry["tokens"]?.arrayValue ?? []).compactMap(\.stringValue)
            var memberships: [String: String] = [:]
            for (project, group) in entry["projects"]?.objectValue ?? JSONObject() {
                guard let group = group.stringValue, ["owners", "editors", "viewers"].contains(group) else {
                    throw FixtureError(file, "user \(quoted(id)): the group of project \(quoted(project)) must be owners, editors or viewers")
                }
                memberships[project] = group
            }
            for token in tokens where users.contains(where: { $0.tokens.contains(token) }) {
                throw FixtureError(file, "token \(quoted(token)) belongs to two users")
            }
            users.append(
                User(
                    id: id, name: entry["name"]?.stringValue ?? email, email: email,
                    isAdmin: entry["isAdmin"]?.boolValue ?? false, tokens: tokens, memberships: memberships
                )
            )
        }
        return users
    }

    private static func projects(_ value: JSONValue, users: [User]) throws(FixtureError) -> [Project] {
        let file = "projects.json"
        guard let entries = value.arrayValue else { throw FixtureError(file, "expected an array of projects") }
        var projects: [Project] = []
        for entry in entries {
            guard let id = entry["id"]?.stringValue, !id.isEmpty, let name = entry["name"]?.stringValue else {
                throw FixtureError(file, "every project needs an \"id\" and a \"name\"")
            }
            guard !projects.contains(where: { $0.id == id }) else { throw FixtureError(file, "project \(quoted(id)) appears twice") }
            let created = entry["creationTimestamp"] ?? .string("0001-01-01T00:00:00Z")
            var document = JSONObject()
            document["id"] = .string(id)
            document["name"] = .string(name)
            document["creationTimestamp"] = created
            if let labels = entry["labels"] { document["labels"] = labels }
            document["status"] = entry["status"] ?? .string("Active")
            let owners = users.filter { $0.memberships[id] == "owners" }.map { user -> JSONValue in
                ["id": .string(user.id), "name": .string(user.name), "creationTimestamp": created, "email": .string(user.email)]
            }
            document["owners"] = .array(owners)
            projects.append(Project(id: id, name: name, document: document))
        }
        return projects
    }

    private static func clusters(_ value: JSONValue, directory: Directory) throws(FixtureError) -> [Cluster] {
        let file = "clusters.json"
        guard let entries = value.arrayValue else { throw FixtureError(file, "expected an array of {\"projectID\", \"cluster\"}") }
        let policy = ClusterPolicy(catalog: directory.catalog)
        var clusters: [Cluster] = []
        for entry in entries {
            guard let projectID = entry["projectID"]?.stringValue, let intent = entry["cluster"]?.objectValue,
                let id = intent["id"]?.stringValue, !id.isEmpty
            else { throw FixtureError(file, "every entry needs a \"projectID\" and a \"cluster\" with an \"id\"") }
            guard directory.project(id: projectID) != nil else {
                throw FixtureError(file, "cluster \(quoted(id)): unknown project \(quoted(projectID))")
            }
            guard !clusters.contains(where: { $0.id == id }) else { throw FixtureError(file, "cluster \(quoted(id)) appears twice") }
            guard let dcName = intent.value(at: ["spec", "cloud", "dc"])?.stringValue,
                let datacenter = directory.datacenter(named: dcName)
            else { throw FixtureError(file, "cluster \(quoted(id)): spec.cloud.dc must name a datacenter of seeds.json") }
            let write: ClusterWrite
            do {
                write = try policy.admit(intent)
            } catch {
                throw FixtureError(
                    file, "cluster \(quoted(id)): \(error.message)\(error.details.isEmpty ? "" : ": " + error.details.joined(separator: "; "))")
            }
            clusters.append(Cluster(projectID: projectID, seed: datacenter.seed, documents: write.documents))
        }
        return clusters
    }
}

/// A fixture that cannot be used: the file and what is wrong with it.
public struct FixtureError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The fixture file at fault.
    public var file: String
    /// What is wrong.
    public var message: String

    /// An error in `file`.
    public init(_ file: String, _ message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}

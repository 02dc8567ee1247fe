/// A KKP project: its id, its name and the API document served for it.
public struct Project: Sendable, Equatable {
    /// The project id (`metadata.name` of KKP's Project resource).
    public var id: String
    /// The human-readable name.
    public var name: String
    /// The API `Project` object as served.
    public var document: JSONObject

    /// A project.
    public init(id: String, name: String, document: JSONObject) {
        self.id = id
        self.name = name
        self.document = document
    }
}

/// A seed: the KKP cluster that hosts the control planes of user clusters in its datacenters.
public struct Seed: Sendable, Equatable {
    /// The seed's name; it is the `{dc}` segment of KKP's v1 cluster paths.
    public var name: String
    /// The DNS suffix of cluster API servers on this seed: a cluster's URL is `https://<id>.<dc>.<domain>:<port>`.
    public var domain: String

    /// A seed.
    public init(name: String, domain: String) {
        self.name = name
        self.domain = domain
    }
}

/// A datacenter of a seed, where clusters of one cloud provider run.
public struct Datacenter: Sendable, Equatable {
    /// The datacenter's name, as in `spec.cloud.dc`.
    public var name: String
    /// The seed it belongs to.
    public var seed: String
    /// The cloud provider (`aws`, `hetzner`, `digitalocean`, `fake`, …): the provider key of `spec.cloud`.
    public var provider: String
    /// The API `Datacenter` object.
    public var document: JSONObject

    /// A datacenter.
    public init(name: String, seed: String, provider: String, document: JSONObject) {
        self.name = name
        self.seed = seed
        self.provider = provider
        self.document = document
    }
}

/// A user known to the mock, with the tokens that authenticate it and its project memberships.
public struct User: Sendable, Equatable {
    /// The user's id.
    public var id: String
    /// The display name.
    public var name: String
    /// The e-mail address, used in KKP's messages.
    public var email: String
    /// Whether the user is a KKP admin (admins may use every project).
    public var isAdmin: Bool
    /// Bearer tokens that authenticate this user.
    public var tokens: [String]
    /// Project id → group (`owners`, `editors`, `viewers`).
    public var memberships: [String: String]

    /// A user.
    public init(id: String, name: String, email: String, isAdmin: Bool, tokens: [String], memberships: [String: String]) {
        self.id = id
        self.name = name
        self.email = email
        self.isAdmin = isAdmin
        self.tokens = tokens
        self.memberships = memberships
    }
}

/// The reference data of a KKP installation: projects, users, seeds, datacenters and versions.
///
/// It changes only when the store is reset, so the store keeps it as an immutable snapshot that reads use without
/// touching the database.
public struct Directory: Sendable, Equatable {
    /// Projects, in fixture order.
    public var projects: [Project]
    /// Users.
    public var users: [User]
    /// Seeds.
    public var seeds: [Seed]
    /// Datacenters of all seeds.
    public var datacenters: [Datacenter]
    /// The supported Kubernetes versions.
    public var catalog: VersionCatalog

    /// A directory.
    public init(projects: [Project], users: [User], seeds: [Seed], datacenters: [Datacenter], catalog: VersionCatalog) {
        self.projects = projects
        self.users = users
        self.seeds = seeds
        self.datacenters = datacenters
        self.catalog = catalog
    }

    /// The project with `id`.
    public func project(id: String) -> Project? {
        projects.first { $0.id == id }
    }

    /// The seed named `name`.
    public func seed(named name: String) -> Seed? {
        seeds.first { $0.name == name }
    }

    /// The datacenter named `name`.
    public func datacenter(named name: String) -> Datacenter? {
        datacenters.first { $0.name == name }
    }

    /// The user a bearer token authenticates.
    public func user(token: String) -> User? {
        users.first { $0.tokens.contains(token) }
    }
}

import KKPCore
import SQLite

/// The SQLite schema (version ``SQLiteStore/schemaVersion``), seeding, and loading the reference data.
///
/// Version 1:
/// - `meta(key, value)`: the store-wide `resource_version` counter.
/// - `versions`, `seeds`, `datacenters`, `projects`, `users`, `tokens`, `memberships`: reference data from fixtures;
///   `position` keeps fixture order.
/// - `clusters(id, project_id, seed, resource_version, intent, effective)`: both documents as compact JSON text;
///   rowid order is creation order.
/// A later version migrates by `user_version`.
enum Schema {
    static let statements = """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) STRICT;
        CREATE TABLE versions (version TEXT PRIMARY KEY, is_default INTEGER NOT NULL, position INTEGER NOT NULL) STRICT;
        CREATE TABLE seeds (name TEXT PRIMARY KEY, domain TEXT NOT NULL, position INTEGER NOT NULL) STRICT;
        CREATE TABLE datacenters (
            name TEXT PRIMARY KEY, seed TEXT NOT NULL REFERENCES seeds(name), provider TEXT NOT NULL,
            document TEXT NOT NULL, position INTEGER NOT NULL) STRICT;
        CREATE TABLE projects (id TEXT PRIMARY KEY, name TEXT NOT NULL, document TEXT NOT NULL, position INTEGER NOT NULL) STRICT;
        CREATE TABLE users (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, is_admin INTEGER NOT NULL,
            position INTEGER NOT NULL) STRICT;
        CREATE TABLE tokens (token TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id)) STRICT;
        CREATE TABLE memberships (
            user_id TEXT NOT NULL REFERENCES users(id), project_id TEXT NOT NULL REFERENCES projects(id),
            grp TEXT NOT NULL, PRIMARY KEY (user_id, project_id)) STRICT;
        CREATE TABLE clusters (
            id TEXT NOT NULL UNIQUE, project_id TEXT NOT NULL REFERENCES projects(id), seed TEXT NOT NULL REFERENCES seeds(name),
            resource_version INTEGER NOT NULL, intent TEXT NOT NULL, effective TEXT NOT NULL) STRICT;
        CREATE INDEX clusters_by_project ON clusters (project_id);
        INSERT INTO meta (key, value) VALUES ('resource_version', 0);
        """

    /// Creates the schema and seeds it, in one transaction.
    static func create(on connection: Connection, seededWith fixtures: FixtureSet) throws(SQLiteError) {
        do {
            try connection.transaction(.immediate) {
                try connection.execute(statements)
                try seed(fixtures, on: connection)
                try connection.setUserVersion(SQLiteStore.schemaVersion)
            }
        } catch let error as SQLiteError {
            throw error
        } catch {
            throw SQLiteError(code: .error, message: "\(error)", sql: nil)
        }
    }

    /// Deletes every row of the reference data and the clusters and seeds the tables again from `fixtures`; the
    /// caller runs it in a transaction.
    static func replaceContents(with fixtures: FixtureSet, on connection: Connection) throws {
        // Children before parents, for the foreign keys.
        for table in ["clusters", "memberships", "tokens", "users", "projects", "datacenters", "seeds", "versions"] {
            try connection.run("DELETE FROM \(table)")
        }
        try seed(fixtures, on: connection)
    }

    private static func seed(_ fixtures: FixtureSet, on connection: Connection) throws {
        let directory = fixtures.directory
        for (position, version) in directory.catalog.versions.enumerated() {
            try connection.run(
                "INSERT INTO versions (version, is_default, position) VALUES (?, ?, ?)",
                [.text(version.description), .integer(version == directory.catalog.defaultVersion ? 1 : 0), .integer(Int64(position))]
            )
        }
        for (position, seed) in directory.seeds.enumerated() {
            try connection.run(
                "INSERT INTO seeds (name, domain, position) VALUES (?, ?, ?)",
                [.text(seed.name), .text(seed.domain), .integer(Int64(position))]
            )
        }
        for (position, dc) in directory.datacenters.enumerated() {
            try connection.run(
                "INSERT INTO datacenters (name, seed, provider, document, position) VALUES (?, ?, ?, ?, ?)",
                [
                    .text(dc.name), .text(dc.seed), .text(dc.provider), .text(JSONValue.object(dc.document).serializedString),
                    .integer(Int64(position)),
                ]
            )
        }
        for (position, project) in directory.projects.enumerated() {
            try connection.run(
                "INSERT INTO projects (id, name, document, position) VALUES (?, ?, ?, ?)",
                [.text(project.id), .text(project.name), .text(JSONValue.object(project.document).serializedString), .integer(Int64(position))]
            )
        }
        for (position, user) in directory.users.enumerated() {
            try connection.run(
                "INSERT INTO users (id, name, email, is_admin, position) VALUES (?, ?, ?, ?, ?)",
                [.text(user.id), .text(user.name), .text(user.email), .integer(user.isAdmin ? 1 : 0), .integer(Int64(position))]
            )
            for token in user.tokens {
                try connection.run("INSERT INTO tokens (token, user_id) VALUES (?, ?)", [.text(token), .text(user.id)])
            }
            for (project, group) in user.memberships.sorted(by: { $0.key < $1.key }) {
                try connection.run(
                    "INSERT INTO memberships (user_id, project_id, grp) VALUES (?, ?, ?)",
                    [.text(user.id), .text(project), .text(group)]
                )
            }
        }
        for (index, cluster) in fixtures.clusters.enumerated() {
            _ = try insert(
                cluster: cluster.id, projectID: cluster.projectID, seed: cluster.seed, resourceVersion: index + 1,
                documents: cluster.documents, on: connection
            )
        }
        try connection.run(
            "UPDATE meta SET value = ? WHERE key = 'resource_version'", [.integer(Int64(fixtures.clusters.count))]
        )
    }

    /// Inserts a cluster row and returns its serialized effective document.
    static func insert(
        cluster id: String, projectID: String, seed: String, resourceVersion: Int, documents: ClusterDocuments,
        on connection: Connection
    ) throws -> [UInt8] {
        let effectiveJSON = JSONValue.object(documents.effective).serialized()
        try connection.run(
            "INSERT INTO clusters (id, project_id, seed, resource_version, intent, effective) VALUES (?, ?, ?, ?, ?, ?)",
            [
                .text(id), .text(projectID), .text(seed), .integer(Int64(resourceVersion)),
                .utf8Text(JSONValue.object(documents.intent).serialized()), .utf8Text(effectiveJSON),
            ]
        )
        return effectiveJSON
    }

    /// Reads the reference data into a ``Directory``.
    static func loadDirectory(from connection: Connection) throws(SQLiteError) -> Directory {
        do {
            return try readDirectory(connection)
        } catch let error as SQLiteError {
            throw error
        } catch {
            throw SQLiteError(code: .corrupt, message: "the reference data cannot be read: \(error)", sql: nil)
        }
    }

    private static func readDirectory(_ connection: Connection) throws -> Directory {
        let versions = try connection.query("SELECT version, is_default FROM versions ORDER BY position", []) { row in
            (SemanticVersion(parsing: row.text(0)), row.int(1) == 1)
        }
        let catalog = VersionCatalog(
            versions: versions.compactMap(\.0), defaultVersion: versions.first(where: \.1)?.0 ?? nil
        )
        let seeds = try connection.query("SELECT name, domain FROM seeds ORDER BY position", []) { row in
            Seed(name: row.text(0), domain: row.text(1))
        }
        let datacenters = try connection.query(
            "SELECT name, seed, provider, document FROM datacenters ORDER BY position", []
        ) { row in
            Datacenter(
                name: row.text(0), seed: row.text(1), provider: row.text(2),
                document: try JSONValue(parsing: row.bytes(3)).objectValue ?? JSONObject()
            )
        }
        let projects = try connection.query("SELECT id, name, document FROM projects ORDER BY position", []) { row in
            Project(id: row.text(0), name: row.text(1), document: try JSONValue(parsing: row.bytes(2)).objectValue ?? JSONObject())
        }
        let tokens = try connection.query("SELECT user_id, token FROM tokens ORDER BY token", []) { ($0.text(0), $0.text(1)) }
        let memberships = try connection.query("SELECT user_id, project_id, grp FROM memberships", []) {
            ($0.text(0), $0.text(1), $0.text(2))
        }
        let users = try connection.query("SELECT id, name, email, is_admin FROM users ORDER BY position", []) { row in
            let id = row.text(0)
            return User(
                id: id, name: row.text(1), email: row.text(2), isAdmin: row.int(3) == 1,
                tokens: tokens.filter { $0.0 == id }.map(\.1),
                memberships: Dictionary(uniqueKeysWithValues: memberships.filter { $0.0 == id }.map { ($0.1, $0.2) })
            )
        }
        return Directory(projects: projects, users: users, seeds: seeds, datacenters: datacenters, catalog: catalog)
    }
}

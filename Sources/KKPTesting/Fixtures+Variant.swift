import Foundation
public import KKPCore

extension Fixtures {
    /// Every fixture file of the repository, parsed, keyed by file name.
    /// - Throws: when a file cannot be read or parsed.
    public static func files() throws -> [String: JSONValue] {
        var files: [String: JSONValue] = [:]
        for name in FixtureSet.fileNames { files[name] = try file(name) }
        return files
    }

    /// A second, smaller fixture set, to tell which one a store was reset to: the same projects, users and seeds;
    /// versions up to 1.21.0 (default 1.20.2); one cluster, staging-eu renamed `staging-variant`.
    /// - Throws: when a file cannot be read or parsed.
    public static func variantFiles() throws -> [String: JSONValue] {
        var files = try files()
        var versions = files["versions.json"]?.objectValue ?? JSONObject()
        versions["versions"] = .array((versions["versions"]?.arrayValue ?? []) + [.string("1.21.0")])
        versions["default"] = .string("1.20.2")
        files["versions.json"] = .object(versions)
        guard var staging = files["clusters.json"]?.arrayValue?.first?.objectValue,
            var cluster = staging["cluster"]?.objectValue
        else { return files }
        cluster["name"] = .string("staging-variant")
        staging["cluster"] = .object(cluster)
        files["clusters.json"] = .array([.object(staging)])
        return files
    }

    /// The variant fixture set (see ``variantFiles()``), checked.
    /// - Throws: when a file cannot be read, or the set is not valid.
    public static func loadVariant() throws -> FixtureSet {
        try FixtureSet(files: try variantFiles())
    }

    /// Writes fixture files into `directory` (created when missing), one JSON file per entry.
    /// - Throws: when the directory or a file cannot be written.
    public static func write(_ files: [String: JSONValue], to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, value) in files {
            try Data(value.serializedString.utf8).write(to: URL(fileURLWithPath: directory + "/" + name))
        }
    }
}

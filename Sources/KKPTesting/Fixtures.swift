import Foundation
public import KKPCore

/// The repository's fixtures, for tests.
public enum Fixtures {
    /// The path of the repository's `fixtures/` directory.
    public static let directory: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures").path

    /// The path of the repository's root.
    public static let repositoryRoot: String = URL(fileURLWithPath: directory).deletingLastPathComponent().path

    /// Reads and parses one fixture file.
    public static func file(_ name: String) throws -> JSONValue {
        try JSONValue(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))))
    }

    /// Reads every fixture file and builds the fixture set.
    public static func load() throws -> FixtureSet {
        var files: [String: JSONValue] = [:]
        for name in FixtureSet.fileNames { files[name] = try file(name) }
        return try FixtureSet(files: files)
    }

    /// Well-known ids in the fixtures.
    public enum IDs {
        /// The project "demo".
        public static let demoProject = "jb4kfzwsxl"
        /// The project "platform".
        public static let platformProject = "t7nqxv2d5c"
        /// staging-eu: 1.19.3 on seed europe-west3-c, projection off.
        public static let staging = "w225mx4z66"
        /// prod-eu: 1.18.14 on seed europe-west3-c.
        public static let prod = "zq6lp5wh9n"
        /// edge-120: 1.20.2 on seed us-central1.
        public static let edge = "k8cbmcs5rt"
        /// ci-runners: 1.19.2 on seed us-central1 (project platform), projection set explicitly.
        public static let ciRunners = "hv9rtm4xqz"
        /// The seed of staging-eu and prod-eu.
        public static let europeSeed = "europe-west3-c"
        /// The seed of edge-120.
        public static let usSeed = "us-central1"
    }
}

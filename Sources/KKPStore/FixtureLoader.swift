public import KKPCore

/// Reads a fixtures directory from disk.
public enum FixtureLoader {
    /// Reads and checks the fixture files of `directory` (see ``FixtureSet/fileNames``).
    /// - Throws: `FixtureError` naming the file that is missing, unreadable, not JSON, or wrong.
    public static func load(directory: String) throws(FixtureError) -> FixtureSet {
        var files: [String: JSONValue] = [:]
        for name in FixtureSet.fileNames {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            guard let bytes = LocalFile.contents(atPath: path) else { throw FixtureError(path, "cannot read the file") }
            do {
                files[name] = try JSONValue(parsing: bytes)
            } catch {
                throw FixtureError(path, "not valid JSON: \(error.message)")
            }
        }
        return try FixtureSet(files: files)
    }
}

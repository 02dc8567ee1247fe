import Foundation

/// Runs `body` with a fresh directory under the system temporary directory and removes it afterwards.
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("sqlite-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url.path)
}

/// A name no other test (or test run) uses, for shared in-memory databases.
func uniqueName(_ prefix: String) -> String {
    "\(prefix)-\(UUID().uuidString)"
}

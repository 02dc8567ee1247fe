import Foundation
import KKPStore
import Testing

/// Whole-file reads without Foundation: exact bytes across read chunks, and `nil` for what is not a readable file.
struct LocalFileTests {
    @Test(arguments: [0, 1, 65_535, 65_536, 65_537, 200_000])
    func readsEveryByte(size: Int) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("localfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 251) }
        let file = directory.appendingPathComponent("f")
        try Data(bytes).write(to: file)
        #expect(LocalFile.contents(atPath: file.path) == bytes)
    }

    @Test func whatIsNotAReadableRegularFileIsNil() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("localfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(LocalFile.contents(atPath: directory.path) == nil, "a directory")
        #expect(LocalFile.contents(atPath: directory.path + "/missing") == nil, "a missing file")
        #expect(LocalFile.contents(atPath: "") == nil, "an empty path")
        let unreadable = directory.appendingPathComponent("unreadable")
        try Data("x".utf8).write(to: unreadable)
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: unreadable.path)
        if getuid() != 0 {  // root reads any file
            #expect(LocalFile.contents(atPath: unreadable.path) == nil, "a file without read permission")
        }
    }
}

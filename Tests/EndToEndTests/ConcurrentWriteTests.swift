import Foundation
import KKPCore
import KKPTesting
import Synchronization
import Testing

/// Many writers on one cluster at once, with readers alongside, against the real binary on a file database.
@Suite(.serialized)
struct ConcurrentWriteTests {
    static let writers = 32
    static let patchesPerWriter = 32
    static let readers = 4

    /// 32 connections PATCH the same cluster 32 times each (1024 PATCHes), each adding its own label, while 4 other
    /// connections read it: every PATCH is answered 200 with its label and a resource version of its own, every read
    /// is a whole cluster document, and at the end all 1024 labels are there.
    @Test func concurrentPatchesLoseNoUpdateAndEveryReadIsWhole() throws {
        let mock = try MockProcess()
        defer { mock.stop() }
        let port = mock.port
        let initial = try HTTPTestClient.request(port: port, target: Paths.stagingV2, headers: Evidence.auth)
        try #require(initial.status == 200)
        let initialLabels = try #require(try initial.json["labels"]?.objectValue)

        let versions = Mutex<[Int]>([])  // the resource version of every acknowledged PATCH
        let problems = Mutex<[String]>([])
        let writersLeft = Atomic<Int>(Self.writers)
        let readCount = Atomic<Int>(0)
        let errors = Evidence.runOnThreads(Self.writers + Self.readers) { index in
            let client = try HTTPTestClient(port: port)
            defer { client.close() }
            if index < Self.writers {
                defer { writersLeft.subtract(1, ordering: .sequentiallyConsistent) }
                for n in 0..<Self.patchesPerWriter {
                    let key = "w\(index)-\(n)"
                    let response = try client.send("PATCH", Paths.stagingV2, headers: Evidence.auth, body: Evidence.labelPatch(key, "v\(n)"))
                    let document = try? response.json
                    guard response.status == 200, document?["labels"]?[key] == .string("v\(n)"),
                        let version = response.header("ETag").flatMap(Self.version)
                    else {
                        problems.withLock { $0.append("PATCH \(key): \(response.status) \(response.text.prefix(200))") }
                        continue
                    }
                    versions.withLock { $0.append(version) }
                }
            } else {
                var lastVersion = 0
                var lastLabelCount = 0
                // Read until the last writer is done, and at least 20 times.
                var reads = 0
                while writersLeft.load(ordering: .sequentiallyConsistent) > 0 || reads < 20 {
                    reads += 1
                    let response = try client.send("GET", Paths.stagingV2, headers: Evidence.auth)
                    let problem = Self.problemWithRead(response, lastVersion: &lastVersion, lastLabelCount: &lastLabelCount)
                    if let problem { problems.withLock { $0.append("reader \(index) read \(reads): \(problem)") } }
                }
                readCount.add(reads, ordering: .relaxed)
            }
        }
        #expect(errors.isEmpty, "\(errors.prefix(5))")
        let found = problems.withLock { $0 }
        #expect(found.isEmpty, "\(found.count) problems, first: \(found.prefix(5))")

        let total = Self.writers * Self.patchesPerWriter
        let acknowledged = versions.withLock { $0 }
        #expect(acknowledged.count == total)
        // Each write bumped the store-wide resource version once: 1024 distinct, consecutive versions.
        #expect(Set(acknowledged).count == total)
        let (first, last) = (acknowledged.min() ?? 0, acknowledged.max() ?? 0)
        #expect(last - first == total - 1)
        #expect(readCount.load(ordering: .relaxed) >= Self.readers * 20)

        let final = try HTTPTestClient.request(port: port, target: Paths.stagingV2, headers: Evidence.auth)
        #expect(final.header("ETag").flatMap(Self.version) == last)
        let labels = try #require(try final.json["labels"]?.objectValue)
        #expect(labels.count == initialLabels.count + total)
        var missing: [String] = []
        for writer in 0..<Self.writers {
            for n in 0..<Self.patchesPerWriter where labels["w\(writer)-\(n)"] != .string("v\(n)") {
                missing.append("w\(writer)-\(n)")
            }
        }
        #expect(missing.isEmpty, "lost updates: \(missing.prefix(20))")
        for member in initialLabels { #expect(labels[member.key] == member.value) }
    }

    /// What is wrong with one read, or nil: it must be a 200 with a whole cluster document whose resource version and
    /// label count never go backwards on one connection.
    static func problemWithRead(_ response: TestResponse, lastVersion: inout Int, lastLabelCount: inout Int) -> String? {
        guard response.status == 200 else { return "status \(response.status)" }
        guard let document = try? response.json, let object = document.objectValue else {
            return "not a JSON object: \(response.text.prefix(100))…\(response.text.suffix(100))"
        }
        guard object["id"] == .string(Fixtures.IDs.staging), object["spec"]?["serviceAccount"]?.objectValue != nil,
            object["status"]?["url"] == .string(Paths.stagingURL), let labels = object["labels"]?.objectValue
        else { return "not a whole cluster document: \(response.text.prefix(200))" }
        guard let version = response.header("ETag").flatMap(version) else { return "no ETag" }
        defer { (lastVersion, lastLabelCount) = (version, labels.count) }
        if version < lastVersion { return "resource version went back from \(lastVersion) to \(version)" }
        if labels.count < lastLabelCount { return "labels went back from \(lastLabelCount) to \(labels.count)" }
        return nil
    }

    /// The resource version in a strong ETag, `"123"` → 123.
    static func version(_ etag: String) -> Int? {
        guard etag.count >= 3, etag.first == "\"", etag.last == "\"" else { return nil }
        return Int(etag.dropFirst().dropLast())
    }
}

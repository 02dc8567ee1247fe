import Foundation
import KKPCore
import KKPTesting
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Helpers of the evidence tests (concurrency, crash, bad-input corpus, property tests over HTTP).
enum Evidence {
    /// The demo user's token, sent on every request (kkp-mock ignores it until authentication lands).
    static let auth: [(String, String)] = [("Authorization", "Bearer demo-token")]

    /// Runs `body(0..<count)` on `count` threads at once and waits for all of them; the errors they throw are
    /// returned, one line each, in thread order.
    ///
    /// Real threads rather than tasks: the test client blocks in `recv`, and the cooperative pool has one thread
    /// per core, so tasks would not keep `count` connections busy at once.
    static func runOnThreads(_ count: Int, _ body: @escaping @Sendable (Int) throws -> Void) -> [String] {
        let group = DispatchGroup()
        let errors = Mutex<[(Int, String)]>([])
        for index in 0..<count {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                do {
                    try body(index)
                } catch {
                    errors.withLock { $0.append((index, "\(error)")) }
                }
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
        return errors.withLock { $0.sorted { $0.0 < $1.0 }.map { "thread \($0.0): \($0.1)" } }
    }

    /// A PATCH body that sets one label.
    static func labelPatch(_ key: String, _ value: String) -> [UInt8] {
        Array(JSONValue.object(["labels": .object([key: .string(value)])]).serialized())
    }
}

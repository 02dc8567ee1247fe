import Foundation

/// A real kubectl binary, run against a server with no kubeconfig and a fresh discovery cache, for end-to-end tests
/// of the Kubernetes view.
public struct Kubectl: Sendable, CustomStringConvertible {
    /// The binary.
    public let path: String
    /// What the tests call it (`kubectl 1.32`, `kubectl 1.20`).
    public let name: String

    /// A kubectl binary.
    public init(path: String, name: String) {
        self.path = path
        self.name = name
    }

    public var description: String { name }

    /// Every kubectl found: the one on `PATH` (1.32 on these machines) and Debian's 1.20, which
    /// `scripts/setup-kubectl-1.20.sh` unpacks into `.tools/kubernetes-client/`.
    public static let available: [Kubectl] = {
        var found: [Kubectl] = []
        let fileManager = FileManager.default
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(directory)/kubectl"
            if fileManager.isExecutableFile(atPath: candidate) {
                found.append(Kubectl(path: candidate, name: "kubectl on PATH"))
                break
            }
        }
        let debian = Fixtures.repositoryRoot + "/.tools/kubernetes-client/usr/bin/kubectl"
        if fileManager.isExecutableFile(atPath: debian) { found.append(Kubectl(path: debian, name: "kubectl 1.20 (Debian kubernetes-client)")) }
        return found
    }()

    /// The outcome of one kubectl run.
    public struct Outcome: Sendable {
        /// The exit status.
        public var status: Int32
        /// Standard output.
        public var stdout: String
        /// Standard error.
        public var stderr: String
    }

    /// Runs `kubectl --server SERVER --kubeconfig /dev/null --cache-dir DIR ARGUMENTS…`.
    /// - Parameters:
    ///   - server: the server's base URL.
    ///   - cacheDirectory: the discovery cache (a fresh temporary directory per test keeps runs independent).
    ///   - environment: extra environment variables (`KUBE_EDITOR`).
    ///   - stdin: text for standard input.
    /// - Throws: when the process cannot start.
    public func run(
        _ arguments: [String], server: String, cacheDirectory: String, environment: [String: String] = [:], stdin: String? = nil
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--server", server, "--kubeconfig", "/dev/null", "--cache-dir", cacheDirectory] + arguments
        var merged = ProcessInfo.processInfo.environment
        merged["KUBECONFIG"] = "/dev/null"
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        let output = Pipe()
        let errors = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
        }
        // Read both pipes to the end before waiting, so a chatty process never blocks on a full pipe.
        let errorData = LockedData()
        let errorsRead = DispatchSemaphore(value: 0)
        Thread {
            errorData.set(errors.fileHandleForReading.readDataToEndOfFile())
            errorsRead.signal()
        }.start()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        errorsRead.wait()
        return Outcome(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: errorData.value, as: UTF8.self))
    }
}

/// Data handed from a reader thread to the test.
private final class LockedData: @unchecked Sendable {
    // @unchecked Sendable: every access goes through `lock`.
    private let lock = NSLock()
    private var data: Data?

    func set(_ value: Data) { lock.withLock { data = value } }
    var value: Data { lock.withLock { data ?? Data() } }
}

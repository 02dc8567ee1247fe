public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The real `kkp-mock` binary, started on port 0 with a temporary database, for end-to-end tests.
///
/// It reads the port back from the `kkp-mock listening on http://HOST:PORT` line. ``stop()`` sends SIGTERM and
/// waits; `deinit` kills a process still running and removes the temporary directory. Standard error (the access
/// log) is read as it comes, so a busy mock never blocks on a full pipe.
public final class MockProcess: @unchecked Sendable {
    // @unchecked Sendable: tests use one MockProcess from one task at a time; the Process object is only touched by
    // the methods below, which are not called concurrently.

    /// The port the mock listens on.
    public private(set) var port = 0
    /// The database file the mock uses.
    public let databasePath: String
    /// The temporary directory that holds the database (removed in deinit when this object created it).
    public let directory: String
    /// Extra arguments given to every start.
    public let arguments: [String]
    /// Everything the process (and the ones before it, after a restart) wrote on stderr so far.
    public var standardError: String { previousStandardError + (errors?.text ?? "") }
    private var previousStandardError = ""
    private var process: Process?
    private var errors: OutputCollector?

    /// The path of the `kkp-mock` binary: `KKP_MOCK_BINARY`, or the one built beside the test bundle.
    public static var binaryPath: String {
        if let path = ProcessInfo.processInfo.environment["KKP_MOCK_BINARY"] { return path }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("kkp-mock").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/kkp-mock").path
    }

    /// The Swagger UI's files as `scripts/setup.sh` installs them: `.build/swagger-ui` in the repository. Every mock
    /// gets `--swagger-ui` with this directory when it exists.
    public static let swaggerUIDirectory = Fixtures.repositoryRoot + "/.build/swagger-ui"

    /// Starts the mock on a free port with a new database in a new temporary directory.
    /// - Parameters:
    ///   - arguments: extra command-line arguments (after `--fixtures` and `--swagger-ui`, so they may override them).
    ///   - database: the database file; the default is `kkp-mock.sqlite` in a fresh temporary directory.
    ///   - fixtures: the fixtures directory; the default is the repository's `fixtures/`.
    /// - Throws: `MockProcessError` when the process does not start listening within 20 s.
    public init(arguments: [String] = [], database: String? = nil, fixtures: String = Fixtures.directory) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kkp-mock-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        self.directory = directory
        self.databasePath = database ?? directory + "/kkp-mock.sqlite"
        let swaggerUI = FileManager.default.fileExists(atPath: Self.swaggerUIDirectory) ? ["--swagger-ui", Self.swaggerUIDirectory] : []
        self.arguments = ["--fixtures", fixtures] + swaggerUI + arguments
        try start()
    }

    deinit {
        if let process, process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The base URL, `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Whether the process is running.
    public var isRunning: Bool { process?.isRunning ?? false }

    /// The process id.
    public var pid: Int32 { process?.processIdentifier ?? 0 }

    /// Starts the process (again) on the same database and a new free port.
    /// - Throws: `MockProcessError` when it does not print its listening line.
    public func start() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binaryPath)
        process.arguments = ["--port", "0", "--db", databasePath] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        self.process = process
        let collector = OutputCollector(errors.fileHandleForReading)
        self.errors = collector
        let line = try Self.readLine(from: output.fileHandleForReading.fileDescriptor, timeout: 20)
        let prefix = "kkp-mock listening on http://"
        guard let line, line.hasPrefix(prefix), let colon = line.lastIndex(of: ":"), let port = Int(line[line.index(after: colon)...]) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            collector.waitUntilClosed()
            throw MockProcessError(message: "no listening line; stdout said \(line ?? "nothing"); stderr: \(collector.text)")
        }
        self.port = port
    }

    /// Sends SIGTERM, waits, and returns the exit status.
    @discardableResult
    public func stop() -> Int32 {
        terminate(signal: SIGTERM)
    }

    /// Sends SIGKILL (a crash), waits, and returns the termination status.
    @discardableResult
    public func kill9() -> Int32 {
        terminate(signal: SIGKILL)
    }

    /// Sends `signal` (when the process still runs), waits for the exit, and returns the exit status (the signal
    /// number when the signal killed it).
    @discardableResult
    public func terminate(signal: Int32) -> Int32 {
        guard let process else { return -1 }
        if process.isRunning { kill(process.processIdentifier, signal) }
        process.waitUntilExit()
        if let errors {
            errors.waitUntilClosed()
            previousStandardError += errors.text
            self.errors = nil
        }
        self.process = nil
        return process.terminationStatus
    }

    /// Waits until stderr holds a line that contains `text`, at most `timeout` seconds.
    /// - Returns: that line, or `nil` when none came in time.
    public func waitForStandardErrorLine(containing text: String, timeout: Double = 5) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if let line = standardError.split(separator: "\n").first(where: { $0.contains(text) }) { return String(line) }
            usleep(2_000)
        } while Date() < deadline
        return nil
    }

    /// Reads one line from a file descriptor, waiting at most `timeout` seconds.
    static func readLine(from fd: Int32, timeout: Double) throws -> String? {
        var bytes: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 100)
            if ready <= 0 { continue }
            var byte: UInt8 = 0
            let n = read(fd, &byte, 1)
            if n <= 0 { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return nil
    }
}

/// Reads a pipe on a thread of its own until its end, so the writer never blocks on a full pipe.
private final class OutputCollector: @unchecked Sendable {
    // @unchecked Sendable: `bytes` is guarded by `lock`; `finished` is a semaphore.
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    private let finished = DispatchSemaphore(value: 0)
    private let handle: FileHandle

    init(_ handle: FileHandle) {
        self.handle = handle
        let thread = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                lock.withLock { bytes.append(contentsOf: buffer[..<count]) }
            }
            finished.signal()
        }
        thread.start()
    }

    /// What was read so far, as UTF-8.
    var text: String {
        lock.withLock { String(decoding: bytes, as: UTF8.self) }
    }

    /// Waits until the pipe is closed by every writer (at most 10 s).
    func waitUntilClosed() {
        if finished.wait(timeout: .now() + 10) == .success { finished.signal() }
    }
}

/// The mock process did not start as expected.
public struct MockProcessError: Error, CustomStringConvertible {
    /// What happened.
    public var message: String
    public var description: String { message }
}

/// Runs a command and returns its exit status, stdout and stderr.
public func runCommand(_ executable: String, _ arguments: [String], stdin: FileHandle? = nil) throws -> (
    status: Int32, stdout: String, stderr: String
) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = stdin ?? FileHandle.nullDevice
    try process.run()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
}

/// The command line of `kkp-mock`, parsed.
///
/// `kkp-mock [--host 127.0.0.1] [--port 8080] [--db kkp-mock.sqlite] [--fixtures fixtures] [--no-auth] [--strict]
/// [--max-body-bytes 1048576] [--swagger-ui DIR] [--deterministic] [--journal-size 1000]
/// [--access-log text|json|off] [--quiet]`; `--flag value` and `--flag=value` are both accepted.
public struct CommandLineOptions: Sendable, Equatable {
    /// The address to bind. The default is `127.0.0.1`.
    public var host = "127.0.0.1"
    /// The port to bind; 0 picks a free one. The default is 8080.
    public var port = 8080
    /// The SQLite database file, or `:memory:`. The default is `kkp-mock.sqlite`.
    public var database = "kkp-mock.sqlite"
    /// The fixtures directory a new database is seeded from. The default is `fixtures`.
    public var fixtures = "fixtures"
    /// Whether to serve without tokens. The default is `false`.
    public var noAuth = false
    /// Whether unknown fields are a 400. The default is `false`.
    public var strict = false
    /// The request body limit in bytes. The default is 1 MiB.
    public var maxBodyBytes = 1 << 20
    /// The directory of the Swagger UI's files, when given; `nil` (the default) means `.build/swagger-ui` if it is
    /// there, where `scripts/setup.sh` puts them.
    public var swaggerUI: String?
    /// Whether the clock and the cluster ids are fixed, so the same requests get byte-identical answers.
    /// The default is `false`.
    public var deterministic = false
    /// How many requests the journal keeps (0: none). The default is 1000.
    public var journalSize = 1000
    /// The access log on standard error. The default is `text`.
    public var accessLog = AccessLogFormat.text
    /// Whether `--help` was given.
    public var help = false

    /// The options with every default.
    public init() {}

    /// The usage text `--help` prints.
    public static let usage = """
        USAGE: kkp-mock [options]

        A stateful mock of the Kubermatic Kubernetes Platform (KKP) REST API.

        OPTIONS:
          --host HOST            Address to listen on (default: 127.0.0.1)
          --port PORT            Port to listen on; 0 picks a free port (default: 8080)
          --db PATH              SQLite database file; a new file is seeded from the fixtures,
                                 an existing one is used as it is; ':memory:' keeps nothing
                                 (default: kkp-mock.sqlite)
          --fixtures DIR         Fixtures directory to seed a new database from (default: fixtures)
          --no-auth              Serve every request without a token
          --strict               Reject unknown fields in writes with 400 instead of dropping them
          --max-body-bytes N     Largest request body accepted, in bytes (default: 1048576)
          --swagger-ui DIR       Directory of the Swagger UI's files served at /rest-api
                                 (swagger-ui-bundle.js, swagger-ui.css, …; default: .build/swagger-ui,
                                 where scripts/setup.sh copies them from the PyPI package swagger-ui-bundle)
          --deterministic        Fix the clock (2021-02-15T12:00:00Z) and the cluster id sequence,
                                 so the same requests get byte-identical answers on every run;
                                 POST /__mock/reset starts the id sequence again
          --journal-size N       Requests the journal (GET /__mock/journal) keeps; 0 keeps none
                                 (default: 1000)
          --access-log FORMAT    Access log on stderr, one line per request: text, json or off
                                 (default: text)
          --quiet                No access log (same as --access-log off)
          -h, --help             Show this help

        GET /healthz answers once the server is ready; the admin API under /__mock/ resets the
        data, reads the request journal and injects faults (see the README). Neither needs a token.
        When it listens it prints 'kkp-mock listening on http://HOST:PORT' as its first line.
        SIGINT and SIGTERM stop it (exit 0). Bad options exit 2; a busy port, an unusable
        database or an unreadable --swagger-ui directory exits 1.
        """

    /// Parses the arguments (without the program name).
    /// - Throws: `UsageError` for an unknown flag, a missing or malformed value.
    public static func parse(_ arguments: [String]) throws(UsageError) -> CommandLineOptions {
        var options = CommandLineOptions()
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            var name = argument
            var inlineValue: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            func value() throws(UsageError) -> String {
                if let inlineValue { return inlineValue }
                guard let next = remaining.popFirst() else { throw UsageError("\(name) needs a value") }
                return next
            }
            func flag() throws(UsageError) {
                if inlineValue != nil { throw UsageError("\(name) takes no value") }
            }
            switch name {
            case "--host":
                options.host = try value()
                if options.host.isEmpty { throw UsageError("--host needs a non-empty value") }
            case "--port":
                let text = try value()
                guard let port = Int(text), (0...65535).contains(port) else {
                    throw UsageError("--port must be a number from 0 to 65535, not '\(text)'")
                }
                options.port = port
            case "--db":
                options.database = try value()
                if options.database.isEmpty { throw UsageError("--db needs a non-empty value") }
            case "--fixtures":
                options.fixtures = try value()
            case "--max-body-bytes":
                let text = try value()
                guard let bytes = Int(text), bytes > 0 else {
                    throw UsageError("--max-body-bytes must be a positive number, not '\(text)'")
                }
                options.maxBodyBytes = bytes
            case "--swagger-ui":
                let directory = try value()
                if directory.isEmpty { throw UsageError("--swagger-ui needs a non-empty value") }
                options.swaggerUI = directory
            case "--no-auth":
                try flag()
                options.noAuth = true
            case "--strict":
                try flag()
                options.strict = true
            case "--deterministic":
                try flag()
                options.deterministic = true
            case "--journal-size":
                let text = try value()
                guard let size = Int(text), (0...1_000_000).contains(size) else {
                    throw UsageError("--journal-size must be a number from 0 to 1000000, not '\(text)'")
                }
                options.journalSize = size
            case "--access-log":
                let text = try value()
                guard let format = AccessLogFormat(rawValue: text) else {
                    throw UsageError("--access-log must be text, json or off, not '\(text)'")
                }
                options.accessLog = format
            case "--quiet":
                try flag()
                options.accessLog = .off
            case "-h", "--help":
                options.help = true
            default:
                throw UsageError("unknown option '\(argument)'")
            }
        }
        return options
    }
}

/// A command line that cannot be used: the process exits 2 with this message and the usage.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public var message: String

    /// A usage error.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// How the mock-only machinery behaves; the command line fills it in.
public struct SandboxConfiguration: Sendable {
    /// The fixtures directory `POST /__mock/reset` loads when the request names none. The default is `fixtures`.
    public var fixturesDirectory: String
    /// How many requests the journal keeps (0: none). The default is 1000.
    public var journalCapacity: Int
    /// The access log's format. The default is `off` (the command line's default is `text`).
    public var accessLog: AccessLogFormat

    /// A configuration; every parameter has the documented default.
    public init(fixturesDirectory: String = "fixtures", journalCapacity: Int = 1000, accessLog: AccessLogFormat = .off) {
        self.fixturesDirectory = fixturesDirectory
        self.journalCapacity = journalCapacity
        self.accessLog = accessLog
    }
}

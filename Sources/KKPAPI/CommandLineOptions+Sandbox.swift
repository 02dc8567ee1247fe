public import KKPCore

extension CommandLineOptions {
    /// The instant the clock shows under `--deterministic`: 2021-02-15T12:00:00Z, in KKP v2.16's time.
    public static let deterministicTime: Int64 = 1_613_390_400

    /// The configuration of the mock-only machinery these options ask for.
    public var sandboxConfiguration: SandboxConfiguration {
        SandboxConfiguration(fixturesDirectory: fixtures, journalCapacity: journalSize, accessLog: accessLog)
    }

    /// The clock: fixed at ``deterministicTime`` under `--deterministic`, the system's otherwise.
    public var clock: any WallClock {
        deterministic ? FixedClock(seconds: Self.deterministicTime) : SystemClock()
    }

    /// The cluster ids: a sequence under `--deterministic`, random otherwise.
    public var ids: any IDGenerator {
        deterministic ? SequentialIDGenerator() : RandomIDGenerator()
    }
}

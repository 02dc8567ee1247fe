// swift-tools-version:6.0
import PackageDescription

/// Settings every Swift target shares: explicit existentials, internal imports unless a module re-exports on purpose,
/// and imports that must be visible where members are used.
///
/// Release builds optimize across modules: without it the generic code of one module (the router, the SQLite
/// wrapper's queries) runs unspecialized from another, and a GET costs 13% more CPU time (scripts/bench/run).
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .unsafeFlags(["-cross-module-optimization"], .when(configuration: .release)),
]

let package = Package(
    name: "kkp-mock",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kkp-mock", targets: ["kkp-mock"])
    ],
    targets: [
        // C libraries, each confined to one wrapper module.
        .systemLibrary(name: "CMicroHTTPD", pkgConfig: "libmicrohttpd", providers: [.apt(["libmicrohttpd-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),

        // Pure domain: JSON, merge patch, versions, defaulting, validation, errors. No C, no I/O.
        .target(name: "KKPCore", swiftSettings: strictSettings),
        // HTTP server over libmicrohttpd; knows nothing about KKP.
        .target(name: "MicroHTTP", dependencies: ["CMicroHTTPD"], swiftSettings: strictSettings),
        // SQLite wrapper; knows nothing about KKP.
        .target(name: "SQLite", dependencies: ["CSQLite"], swiftSettings: strictSettings),
        // Stores behind protocols: SQLite-backed and in-memory.
        .target(name: "KKPStore", dependencies: ["KKPCore", "SQLite"], swiftSettings: strictSettings),
        // Route table, handlers, the one error mapping, the Swagger document. Its Resources are compiled in by
        // scripts/swagger/embed.py (a resource bundle would load Foundation and ICU).
        .target(
            name: "KKPAPI",
            dependencies: ["KKPCore", "KKPStore", "MicroHTTP"],
            exclude: ["Resources"],
            swiftSettings: strictSettings
        ),
        // The executable: flags, wiring, signals. No logic. The release build links the Swift runtime statically:
        // the dynamic loader's symbol lookups were a quarter of the start-up (scripts/startup-time: 12.3 → 8.7 ms
        // median), and the resident memory is 1.8 MB smaller.
        .executableTarget(
            name: "kkp-mock",
            dependencies: ["KKPAPI", "KKPStore", "MicroHTTP", "KKPCore"],
            swiftSettings: strictSettings,
            linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))]
        ),
        // JSON benchmark: the hand-written parser against Foundation's.
        .executableTarget(name: "kkp-json-bench", dependencies: ["KKPCore"], swiftSettings: strictSettings),

        // Helpers for tests only: a raw HTTP/1.1 client, a live server on port 0, fixture paths.
        .target(name: "KKPTesting", dependencies: ["KKPCore"], swiftSettings: strictSettings),

        .testTarget(
            name: "KKPCoreTests",
            dependencies: ["KKPCore", "KKPTesting"],
            exclude: ["Vectors"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "MicroHTTPTests", dependencies: ["MicroHTTP", "KKPTesting"], swiftSettings: strictSettings),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite"], swiftSettings: strictSettings),
        .testTarget(name: "KKPStoreTests", dependencies: ["KKPStore", "KKPCore", "KKPTesting"], swiftSettings: strictSettings),
        .testTarget(name: "KKPAPITests", dependencies: ["KKPAPI", "KKPStore", "KKPCore", "MicroHTTP", "KKPTesting"], swiftSettings: strictSettings),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["kkp-mock", "KKPCore", "KKPTesting"],
            exclude: ["Clients"],
            swiftSettings: strictSettings
        ),
    ]
)

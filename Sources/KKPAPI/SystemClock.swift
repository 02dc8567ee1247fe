public import KKPCore

#if canImport(Glibc)
    import Glibc
#endif

/// The system's wall clock.
public struct SystemClock: WallClock {
    /// The system clock.
    public init() {}

    public func now() -> Int64 { Int64(time(nil)) }
}

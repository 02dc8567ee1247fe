public import KKPCore

#if canImport(Glibc)
    import Glibc
#endif

/// The system's wall clock.
public struct SystemClock: WallClock {
    /// The system clock.
    public init() {}

    public func now() -> Int64 { Int64(time(nil)) }

    /// The corresponding C function is `clock_gettime(CLOCK_REALTIME)`.
    public func nowInMilliseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1000 + Int64(time.tv_nsec) / 1_000_000
    }
}

import KKPCore

/// A pattern of request paths, for fault rules and journal filters: a glob over `/`-separated segments.
///
/// - `*` in a segment matches any characters but `/` (`clusters`, `clu*`, `*-eu`); a segment that is only `*`
///   matches one non-empty segment;
/// - `{name}` is a whole segment and matches one non-empty segment, so route templates from the Swagger document
///   work as they are (`/api/v2/projects/{project_id}/clusters/{cluster_id}`);
/// - `**` is a whole segment and matches any number of segments, none included (`/api/**` matches `/api`,
///   `/api/v1/projects` and every path below).
///
/// Patterns match the path as sent, without the query and without percent-decoding.
struct PathPattern: Sendable, Equatable, CustomStringConvertible {
    /// The pattern as written.
    let text: String
    private let segments: [Segment]

    private enum Segment: Equatable {
        case anySegments
        case oneSegment
        /// Literal pieces between `*`s: `["clu", ""]` for `clu*`; one piece for a literal segment.
        case glob([Substring])
    }

    /// Parses a pattern.
    /// - Throws: `APIError` 400 naming the fault: a pattern that does not start with `/`, holds a `?` or `#`,
    ///   or has `{`, `}` or `**` inside a segment.
    init(_ text: String) throws(APIError) {
        func invalid(_ reason: String) -> APIError {
            .badRequest("invalid path pattern \(quoted(text)): \(reason)")
        }
        guard text.hasPrefix("/") else { throw invalid("it must start with /") }
        guard !text.contains("?"), !text.contains("#") else {
            throw invalid("patterns match the path only, without a query or a fragment")
        }
        var segments: [Segment] = []
        for segment in Self.split(text) {
            if segment == "**" {
                if segments.last != .anySegments { segments.append(.anySegments) }
            } else if segment == "*" {
                segments.append(.oneSegment)
            } else if segment.hasPrefix("{") && segment.hasSuffix("}") && segment.count > 2
                && !segment.dropFirst().dropLast().contains(where: { "{}*".contains($0) })
            {
                segments.append(.oneSegment)
            } else if segment.contains("{") || segment.contains("}") {
                throw invalid("a {parameter} must be a whole segment")
            } else if segment.contains("**") {
                throw invalid("** must be a whole segment")
            } else {
                segments.append(.glob(segment.split(separator: "*", omittingEmptySubsequences: false)))
            }
        }
        self.text = text
        self.segments = segments
    }

    var description: String { text }

    /// Whether `path` (as sent, without the query) matches.
    func matches(_ path: String) -> Bool {
        guard path.hasPrefix("/") else { return false }
        return Self.match(segments[...], Self.split(path)[...])
    }

    /// The segments after the leading `/`, empty ones kept: `/` is `[""]`, `/a/` is `["a", ""]`.
    private static func split(_ path: String) -> [Substring] {
        path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
    }

    private static func match(_ pattern: ArraySlice<Segment>, _ path: ArraySlice<Substring>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        switch first {
        case .anySegments:
            let rest = pattern.dropFirst()
            var remaining = path
            while true {
                if match(rest, remaining) { return true }
                guard !remaining.isEmpty else { return false }
                remaining = remaining.dropFirst()
            }
        case .oneSegment:
            guard let segment = path.first, !segment.isEmpty else { return false }
            return match(pattern.dropFirst(), path.dropFirst())
        case .glob(let pieces):
            guard let segment = path.first, globMatches(pieces, segment) else { return false }
            return match(pattern.dropFirst(), path.dropFirst())
        }
    }

    /// Whether `segment` is `pieces` joined by runs of any characters: the first piece a prefix, the last a
    /// suffix, the ones between found in order (greedy-free, as each piece is literal).
    private static func globMatches(_ pieces: [Substring], _ segment: Substring) -> Bool {
        guard pieces.count > 1 else { return pieces.first == segment }
        guard let head = pieces.first, let tail = pieces.last, segment.count >= head.count + tail.count,
            segment.hasPrefix(head), segment.hasSuffix(tail)
        else { return false }
        var rest = segment.dropFirst(head.count).dropLast(tail.count)
        for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
            guard let range = rest.firstRange(of: piece) else { return false }
            rest = rest[range.upperBound...]
        }
        return true
    }
}

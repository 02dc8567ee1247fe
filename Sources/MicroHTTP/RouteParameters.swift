/// The values of a matched route's `{name}` segments, percent-decoded.
public struct RouteParameters: Sendable, Sequence {
    /// One parameter.
    public typealias Element = (name: String, value: String)

    private var pairs: [Element]

    /// Creates parameters from `(name, value)` pairs, for example to call a handler in-process.
    public init(_ pairs: [(name: String, value: String)] = []) {
        self.pairs = pairs
    }

    /// The value of the parameter `name`, or `nil` when the route has no such parameter.
    public subscript(name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// The number of parameters.
    public var count: Int { pairs.count }

    /// Iterates over the parameters in the order of the pattern.
    public func makeIterator() -> IndexingIterator<[Element]> {
        pairs.makeIterator()
    }
}

/// A JSON document as a value: what the parser produces, what merge patch and defaulting transform, and what the
/// serializer writes.
///
/// Numbers keep the text they were written with (``JSONNumber``), so `1.0`, `-0` and `12345678901234567890` come
/// back out exactly as they went in. Objects keep their members in order (``JSONObject``), so output is stable.
public enum JSONValue: Sendable, Equatable {
    /// The literal `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, kept as written.
    case number(JSONNumber)
    /// A string (always valid Unicode).
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object with members in document order.
    case object(JSONObject)
}

extension JSONValue {
    /// The object, when this value is one.
    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// The string, when this value is one.
    public var stringValue: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    /// The Boolean, when this value is one.
    public var boolValue: Bool? {
        if case .bool(let bool) = self { return bool }
        return nil
    }

    /// The array, when this value is one.
    public var arrayValue: [JSONValue]? {
        if case .array(let array) = self { return array }
        return nil
    }

    /// The number, when this value is one.
    public var numberValue: JSONNumber? {
        if case .number(let number) = self { return number }
        return nil
    }

    /// Whether this value is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The name of this value's JSON type as error messages say it: `object`, `array`, `string`, `number`, `bool`, `null`.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The member `key` of an object; `nil` when this is not an object or has no such member.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements.map { (key: $0.0, value: $0.1) }))
    }
    public init(nilLiteral: ()) { self = .null }
}

/// A JSON number kept as the literal text it was written with, so it round-trips exactly.
///
/// Two numbers are equal when their literals are equal: `1` and `1.0` differ, as they do on the wire.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number as written, already checked against RFC 8259's grammar.
    public let literal: String

    /// A number from a literal the parser has already validated.
    public init(validatedLiteral literal: String) {
        self.literal = literal
    }

    /// A number from an integer.
    public init(_ value: Int) {
        self.literal = String(value)
    }

    /// The value as an `Int`, when the literal is an integer that fits.
    public var intValue: Int? { Int(literal) }

    /// The value as a `Double` (may round).
    public var doubleValue: Double? { Double(literal) }

    public var description: String { literal }
}

/// The members of a JSON object, in order, with unique keys.
///
/// Lookup is a linear scan: API documents have a few dozen members per object, where a scan beats hashing.
/// Equality ignores member order, as JSON's does.
public struct JSONObject: Sendable, Equatable, Sequence {
    /// One member of an object.
    public typealias Member = (key: String, value: JSONValue)

    /// The members in order.
    public private(set) var members: [Member]

    /// An empty object.
    public init() {
        self.members = []
    }

    /// An object from members whose keys are unique (the last one wins when they are not).
    public init(_ members: [Member]) {
        self.members = []
        self.members.reserveCapacity(members.count)
        for member in members { self[member.key] = member.value }
    }

    /// An object from members the caller guarantees to have unique keys (the parser checks this itself).
    public init(uniqueMembers members: [Member]) {
        self.members = members
    }

    /// The number of members.
    public var count: Int { members.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { members.isEmpty }

    /// The keys in order.
    public var keys: [String] { members.map(\.key) }

    /// The value of `key`; setting `nil` removes the member, setting a new key appends it, setting an existing key
    /// replaces its value in place.
    public subscript(key: String) -> JSONValue? {
        get {
            for member in members where member.key == key { return member.value }
            return nil
        }
        set {
            let index = members.firstIndex { $0.key == key }
            switch (index, newValue) {
            case (let index?, let value?): members[index].value = value
            case (let index?, nil): members.remove(at: index)
            case (nil, let value?): members.append((key: key, value: value))
            case (nil, nil): break
            }
        }
    }

    public func makeIterator() -> IndexingIterator<[Member]> {
        members.makeIterator()
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for member in lhs.members {
            guard let other = rhs[member.key], other == member.value else { return false }
        }
        return true
    }
}

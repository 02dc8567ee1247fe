/// A value stored in, bound to or read from SQLite: one of its five storage classes.
public enum SQLiteValue: Sendable, Equatable {
    /// SQL `NULL`.
    case null
    /// A signed 64-bit integer.
    case integer(Int64)
    /// An IEEE 754 double.
    case real(Double)
    /// UTF-8 text; it may contain NUL characters.
    case text(String)
    /// UTF-8 text given as its bytes, bound without building a `String` (a large serialized document, say). The bytes
    /// must be valid UTF-8: SQLite stores them as they are. Reads give ``text(_:)``.
    case utf8Text([UInt8])
    /// Raw bytes; they may contain zeros.
    case blob([UInt8])
}

extension SQLiteValue {
    /// An integer value from an `Int`.
    public init(_ value: Int) {
        self = .integer(Int64(value))
    }

    /// An integer value from an `Int64`.
    public init(_ value: Int64) {
        self = .integer(value)
    }

    /// A real value from a `Double`.
    public init(_ value: Double) {
        self = .real(value)
    }

    /// A text value from a `String`.
    public init(_ value: String) {
        self = .text(value)
    }

    /// A text value from a `String`, or `NULL` for `nil`.
    public init(_ value: String?) {
        self = value.map(SQLiteValue.text) ?? .null
    }

    /// A blob value from bytes.
    public init(_ value: [UInt8]) {
        self = .blob(value)
    }

    /// An integer value, `1` for `true` and `0` for `false` (SQLite has no boolean type).
    public init(_ value: Bool) {
        self = .integer(value ? 1 : 0)
    }

    /// Whether the value is SQL `NULL`.
    public var isNull: Bool { self == .null }
}

extension SQLiteValue: ExpressibleByIntegerLiteral {
    /// An integer value from a literal: `[1, 2]` as bindings.
    public init(integerLiteral value: Int64) {
        self = .integer(value)
    }
}

extension SQLiteValue: ExpressibleByFloatLiteral {
    /// A real value from a literal: `[1.5]` as bindings.
    public init(floatLiteral value: Double) {
        self = .real(value)
    }
}

extension SQLiteValue: ExpressibleByStringLiteral {
    /// A text value from a literal: `["name"]` as bindings.
    public init(stringLiteral value: String) {
        self = .text(value)
    }
}

extension SQLiteValue: ExpressibleByNilLiteral {
    /// `NULL` from the `nil` literal: `[nil]` as bindings.
    public init(nilLiteral: ()) {
        self = .null
    }
}

extension SQLiteValue: CustomStringConvertible {
    /// A short rendering for logs and test failures, such as `42`, `"text"` (escaped like a Swift literal), `x'00ff'`
    /// or `NULL`.
    public var description: String {
        switch self {
        case .null: "NULL"
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .text(let value): value.debugDescription
        case .utf8Text(let bytes): String(decoding: bytes, as: UTF8.self).debugDescription
        case .blob(let bytes): "x'" + bytes.map(Self.hex).joined() + "'"
        }
    }

    /// Two lowercase hex digits for a byte.
    private static func hex(_ byte: UInt8) -> String {
        byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
    }
}

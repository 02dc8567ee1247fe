/// The shape of a field of a KKP API object: its JSON type, its Go type name (for KKP-style messages) and, for
/// objects, its known members in KKP's order.
///
/// One description serves three purposes: type checks that name the offending field, finding unknown fields, and the
/// canonical member order of served documents (known members in KKP's order, then any others in the order they came).
/// The Cluster's schema is generated from the Swagger document (``ClusterSchema``).
public indirect enum FieldSchema: Sendable {
    /// A string.
    case string
    /// A Boolean.
    case bool
    /// An integer (no fraction, no exponent), decoded into the Go type named.
    case integer(goType: String)
    /// Any number, decoded into the Go type named.
    case number(goType: String)
    /// A semantic version, written as a string.
    case version
    /// Any JSON value: not checked.
    case any
    /// An array of any values.
    case anyArray
    /// An array whose elements have one shape.
    case arrayOf(FieldSchema)
    /// An object whose members all have one shape (a Go map).
    case mapOf(FieldSchema)
    /// An object with known members in order. When `closed`, other members are unknown fields; otherwise they pass.
    case object(goType: String, closed: Bool, members: [(name: String, schema: FieldSchema)])

    /// The Go type KKP decodes this field into, as `encoding/json` names it in its errors.
    public var goType: String {
        switch self {
        case .string: "string"
        case .bool: "bool"
        case .integer(let goType), .number(let goType): goType
        case .version: "semver.Semver"
        case .any: "interface {}"
        case .anyArray: "[]interface {}"
        case .arrayOf(let element): "[]" + element.goType
        case .mapOf(let value): "map[string]" + value.goType
        case .object(let goType, _, _): goType
        }
    }

    /// The schema of the member `name` of an object schema.
    public func member(_ name: String) -> FieldSchema? {
        guard case .object(_, _, let members) = self else { return nil }
        return members.first { $0.name == name }?.schema
    }

    /// Checks that `value` has this shape; `null` passes anywhere (Go leaves the field unset) except as an array element
    /// of a typed array.
    /// - Parameter path: the dotted path of `value`, used in the message.
    /// - Returns: the first mismatch found, in document order: its path, the JSON type found and the Go type wanted.
    public func firstMismatch(in value: JSONValue, path: String) -> TypeMismatch? {
        // Every write checks the whole cluster: a walk that builds no paths answers the common case.
        conforms(value) ? nil : mismatch(in: value, path: path)
    }

    /// Whether `value` has this shape: ``firstMismatch(in:path:)`` finds nothing.
    func conforms(_ value: JSONValue) -> Bool {
        if value.isNull { return true }
        switch (self, value) {
        case (.any, _), (.string, .string), (.bool, .bool), (.version, .string), (.anyArray, .array), (.number, .number):
            return true
        case (.integer, .number(let number)):
            return Self.isIntegerLiteral(number.literal)
        case (.arrayOf(let element), .array(let elements)):
            return elements.allSatisfy { item in
                if item.isNull, case .string = element { return false }
                return element.conforms(item)
            }
        case (.mapOf(let element), .object(let object)):
            return object.allSatisfy { element.conforms($0.value) }
        case (.object(_, _, let members), .object(let object)):
            return object.allSatisfy { key, member in members.first(where: { $0.name == key })?.schema.conforms(member) ?? true }
        default:
            return false
        }
    }

    /// The first mismatch in a value that does not conform, with its path (a full walk).
    func mismatch(in value: JSONValue, path: String) -> TypeMismatch? {
        if value.isNull { return nil }
        switch (self, value) {
        case (.any, _), (.string, .string), (.bool, .bool), (.version, .string), (.anyArray, .array), (.number, .number):
            return nil
        case (.integer, .number(let number)):
            return Self.isIntegerLiteral(number.literal) ? nil : TypeMismatch(path: path, found: "number \(number.literal)", wanted: goType)
        case (.arrayOf(let element), .array(let elements)):
            for (index, item) in elements.enumerated() {
                if item.isNull, case .string = element {
                    return TypeMismatch(path: "\(path)[\(index)]", found: "null", wanted: element.goType)
                }
                if let mismatch = element.mismatch(in: item, path: "\(path)[\(index)]") { return mismatch }
            }
            return nil
        case (.mapOf(let element), .object(let object)):
            for (key, member) in object {
                if let mismatch = element.mismatch(in: member, path: Self.join(path, key)) { return mismatch }
            }
            return nil
        case (.object(_, _, let members), .object(let object)):
            for (key, member) in object {
                guard let schema = members.first(where: { $0.name == key })?.schema else { continue }
                if let mismatch = schema.mismatch(in: member, path: Self.join(path, key)) { return mismatch }
            }
            return nil
        default:
            return TypeMismatch(path: path, found: value.typeName, wanted: goType)
        }
    }

    /// `value` without the members closed objects do not know, and the dotted paths of what was removed.
    public func removingUnknownMembers(_ value: JSONValue, path: String = "") -> (value: JSONValue, removed: [String]) {
        // Every write cleans the whole cluster, which rarely holds an unknown member: look before rebuilding.
        hasUnknownMembers(value) ? removingUnknown(value, path: path) : (value, [])
    }

    /// Whether a closed object in `value` has a member it does not know.
    func hasUnknownMembers(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (.object(_, let closed, let members), .object(let object)):
            return object.contains { key, member in
                guard let schema = members.first(where: { $0.name == key })?.schema else { return closed }
                return schema.hasUnknownMembers(member)
            }
        case (.arrayOf(let element), .array(let elements)):
            return elements.contains { element.hasUnknownMembers($0) }
        case (.mapOf(let element), .object(let object)):
            return object.contains { element.hasUnknownMembers($0.value) }
        default:
            return false
        }
    }

    /// What ``removingUnknownMembers(_:path:)`` returns, by a full walk.
    func removingUnknown(_ value: JSONValue, path: String) -> (value: JSONValue, removed: [String]) {
        switch (self, value) {
        case (.object(_, let closed, let members), .object(let object)):
            var kept: [JSONObject.Member] = []
            var removed: [String] = []
            for (key, member) in object {
                let memberPath = Self.join(path, key)
                guard let schema = members.first(where: { $0.name == key })?.schema else {
                    if closed { removed.append(memberPath) } else { kept.append((key: key, value: member)) }
                    continue
                }
                let (cleaned, below) = schema.removingUnknown(member, path: memberPath)
                kept.append((key: key, value: cleaned))
                removed += below
            }
            return (.object(JSONObject(uniqueMembers: kept)), removed)
        case (.arrayOf(let element), .array(let elements)):
            var removed: [String] = []
            let cleaned = elements.enumerated().map { index, item in
                let (value, below) = element.removingUnknown(item, path: "\(path)[\(index)]")
                removed += below
                return value
            }
            return (.array(cleaned), removed)
        case (.mapOf(let element), .object(let object)):
            var removed: [String] = []
            let cleaned = object.members.map { key, member in
                let (value, below) = element.removingUnknown(member, path: Self.join(path, key))
                removed += below
                return (key: key, value: value)
            }
            return (.object(JSONObject(uniqueMembers: cleaned)), removed)
        default:
            return (value, [])
        }
    }

    /// `value` with object members in canonical order: known members in schema order, recursively, then the rest.
    public func canonicallyOrdered(_ value: JSONValue) -> JSONValue {
        canonicallyOrdered(value, checkingOrder: true)
    }

    /// ``canonicallyOrdered(_:)``; with `checkingOrder`, objects already in order keep their members' order without a
    /// search per schema member (tests compare the two ways).
    func canonicallyOrdered(_ value: JSONValue, checkingOrder: Bool) -> JSONValue {
        switch (self, value) {
        case (.object(_, _, let members), .object(let object)):
            if checkingOrder, let schemas = Self.schemasIfInOrder(object, members) {
                // Already in canonical order at this level (the common case: stored documents are): order the values.
                return .object(
                    JSONObject(
                        uniqueMembers: zip(object.members, schemas).map { member, schema in
                            (key: member.key, value: schema?.canonicallyOrdered(member.value, checkingOrder: true) ?? member.value)
                        })
                )
            }
            var ordered: [JSONObject.Member] = []
            ordered.reserveCapacity(object.count)
            for (name, schema) in members {
                if let member = object[name] {
                    ordered.append((key: name, value: schema.canonicallyOrdered(member, checkingOrder: checkingOrder)))
                }
            }
            for member in object where !members.contains(where: { $0.name == member.key }) {
                ordered.append(member)
            }
            return .object(JSONObject(uniqueMembers: ordered))
        case (.arrayOf(let element), .array(let elements)):
            return .array(elements.map { element.canonicallyOrdered($0, checkingOrder: checkingOrder) })
        case (.mapOf(let element), .object(let object)):
            return .object(
                JSONObject(
                    uniqueMembers: object.members.map { (key: $0.key, value: element.canonicallyOrdered($0.value, checkingOrder: checkingOrder)) })
            )
        default:
            return value
        }
    }

    /// The schema of each member of `object` when its members are in canonical order (known ones in schema order, then
    /// unknown ones), or `nil` when they are not.
    private static func schemasIfInOrder(_ object: JSONObject, _ members: [(name: String, schema: FieldSchema)]) -> [FieldSchema?]? {
        var schemas: [FieldSchema?] = []
        schemas.reserveCapacity(object.count)
        var next = 0  // the schema position after the last known member
        var unknownSeen = false
        for member in object.members {
            if let index = members[next...].firstIndex(where: { $0.name == member.key }) {
                if unknownSeen { return nil }
                schemas.append(members[index].schema)
                next = index + 1
            } else if members[..<next].contains(where: { $0.name == member.key }) {
                return nil  // a known member out of order
            } else {
                unknownSeen = true
                schemas.append(nil)
            }
        }
        return schemas
    }

    /// Whether a JSON number is written as an integer (no fraction, no exponent), as `encoding/json` needs for Go
    /// integer fields.
    private static func isIntegerLiteral(_ literal: String) -> Bool {
        !literal.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    }

    private static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }
}

/// A value whose JSON type is not the one its field needs.
public struct TypeMismatch: Sendable, Equatable {
    /// The dotted path of the field, e.g. `spec.serviceAccount.issuer`.
    public var path: String
    /// The JSON type found, as `encoding/json` names it: `string`, `number`, `bool`, `array`, `object`, or
    /// `number 1.5` for a number that does not fit an integer.
    public var found: String
    /// The Go type KKP wants.
    public var wanted: String

    /// The message `encoding/json` gives, with the full path of the field:
    /// `json: cannot unmarshal number into Go struct field Cluster.spec.version of type semver.Semver`.
    public func message(root: String) -> String {
        "json: cannot unmarshal \(found) into Go struct field \(root).\(path) of type \(wanted)"
    }
}

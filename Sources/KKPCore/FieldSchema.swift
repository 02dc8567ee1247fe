/// The shape of a field of a KKP API object: its JSON type, its Go type name (for KKP-style messages) and, for
/// objects, its known members in KKP's struct order.
///
/// One description serves two purposes: type checks that name the offending field, and the canonical member order
/// of served documents (known members in KKP's order, then any others in the order they came).
public indirect enum FieldSchema: Sendable {
    /// A string.
    case string
    /// A Boolean.
    case bool
    /// A semantic version, written as a string.
    case version
    /// An array of strings.
    case stringArray
    /// An object whose members are all strings (a Go `map[string]string`).
    case stringMap
    /// Any JSON value: not checked.
    case any
    /// An array of any values.
    case array
    /// An object with known members in order; members not listed are not checked.
    case object(goType: String, members: [(name: String, schema: FieldSchema)])

    /// The Go type KKP decodes this field into, as `encoding/json` names it in its errors.
    public var goType: String {
        switch self {
        case .string: "string"
        case .bool: "bool"
        case .version: "semver.Semver"
        case .stringArray: "[]string"
        case .stringMap: "map[string]string"
        case .any: "interface {}"
        case .array: "[]interface {}"
        case .object(let goType, _): goType
        }
    }

    /// The schema of the member `name` of an object schema.
    public func member(_ name: String) -> FieldSchema? {
        guard case .object(_, let members) = self else { return nil }
        return members.first { $0.name == name }?.schema
    }

    /// Checks that `value` has this shape; `null` passes anywhere (Go leaves the field unset).
    /// - Parameter path: the dotted path of `value`, used in the message.
    /// - Returns: the first mismatch found, in document order: its path, the JSON type found and the Go type wanted.
    public func firstMismatch(in value: JSONValue, path: String) -> TypeMismatch? {
        if value.isNull { return nil }
        switch (self, value) {
        case (.any, _), (.string, .string), (.bool, .bool), (.version, .string), (.array, .array):
            return nil
        case (.stringArray, .array(let elements)):
            for (index, element) in elements.enumerated() where element.stringValue == nil {
                return TypeMismatch(path: "\(path)[\(index)]", found: element.typeName, wanted: "string")
            }
            return nil
        case (.stringMap, .object(let object)):
            for (key, member) in object where !member.isNull && member.stringValue == nil {
                return TypeMismatch(path: "\(path).\(key)", found: member.typeName, wanted: "string")
            }
            return nil
        case (.object(_, let members), .object(let object)):
            for (key, member) in object {
                guard let schema = members.first(where: { $0.name == key })?.schema else { continue }
                if let mismatch = schema.firstMismatch(in: member, path: path.isEmpty ? key : "\(path).\(key)") {
                    return mismatch
                }
            }
            return nil
        default:
            return TypeMismatch(path: path, found: value.typeName, wanted: goType)
        }
    }

    /// `object` with its members in canonical order: known members in schema order, recursively, then the rest.
    public func canonicallyOrdered(_ value: JSONValue) -> JSONValue {
        guard case .object(_, let members) = self, case .object(let object) = value else { return value }
        var ordered: [JSONObject.Member] = []
        ordered.reserveCapacity(object.count)
        for (name, schema) in members {
            if let member = object[name] { ordered.append((key: name, value: schema.canonicallyOrdered(member))) }
        }
        for member in object where !members.contains(where: { $0.name == member.key }) {
            ordered.append(member)
        }
        return .object(JSONObject(uniqueMembers: ordered))
    }
}

/// A value whose JSON type is not the one its field needs.
public struct TypeMismatch: Sendable, Equatable {
    /// The dotted path of the field, e.g. `spec.serviceAccount.issuer`.
    public var path: String
    /// The JSON type found, as `encoding/json` names it: `string`, `number`, `bool`, `array`, `object`.
    public var found: String
    /// The Go type KKP wants.
    public var wanted: String

    /// The message `encoding/json` gives, with the full path of the field:
    /// `json: cannot unmarshal number into Go struct field Cluster.spec.version of type semver.Semver`.
    public func message(root: String) -> String {
        return "json: cannot unmarshal \(found) into Go struct field \(root).\(path) of type \(wanted)"
    }
}

/// JSON Patch, RFC 6902, as a pure function: a list of `add`, `remove`, `replace`, `move`, `copy` and `test`
/// operations applied in order to a document, all or nothing.
///
/// The Kubernetes API server accepts it for custom resources as `application/json-patch+json`.
public enum JSONPatch {
    /// One operation of a patch.
    public struct Operation: Sendable, Equatable {
        /// The operation's `op`.
        public enum Kind: String, Sendable, CaseIterable {
            case add, remove, replace, move, copy, test
        }

        /// What to do.
        public var kind: Kind
        /// The target location (`path`).
        public var path: JSONPointer
        /// The source location (`from`) of `move` and `copy`.
        public var from: JSONPointer?
        /// The value (`value`) of `add`, `replace` and `test`.
        public var value: JSONValue?

        /// An operation.
        public init(kind: Kind, path: JSONPointer, from: JSONPointer? = nil, value: JSONValue? = nil) {
            self.kind = kind
            self.path = path
            self.from = from
            self.value = value
        }
    }

    /// Reads the operations of a JSON Patch document.
    /// - Throws: `JSONPatchError` (malformed) when the document is not an array of operation objects, an `op` is
    ///   unknown, or a member the operation needs is missing or malformed. Other members are ignored (RFC 6902 §4).
    public static func operations(of document: JSONValue) throws(JSONPatchError) -> [Operation] {
        guard case .array(let elements) = document else {
            throw .malformed("a JSON patch must be an array of operations, not \(document.typeName == "object" ? "an" : "a") \(document.typeName)")
        }
        var operations: [Operation] = []
        operations.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            guard case .object(let object) = element else {
                throw .malformed("operation \(index) of the JSON patch is a \(element.typeName), not an object")
            }
            guard let opName = object["op"]?.stringValue else {
                throw .malformed("operation \(index) of the JSON patch has no \"op\" string")
            }
            guard let kind = Operation.Kind(rawValue: opName) else {
                throw .malformed("operation \(index) of the JSON patch has an unknown op \(quoted(opName))")
            }
            guard let pathText = object["path"]?.stringValue else {
                throw .malformed("operation \(index) (\(opName)) of the JSON patch has no \"path\" string")
            }
            var operation = Operation(kind: kind, path: try JSONPointer(parsing: pathText))
            switch kind {
            case .add, .replace, .test:
                guard let value = object["value"] else {
                    throw .malformed("operation \(index) (\(opName) \(quoted(pathText))) of the JSON patch has no \"value\"")
                }
                operation.value = value
            case .move, .copy:
                guard let fromText = object["from"]?.stringValue else {
                    throw .malformed("operation \(index) (\(opName) \(quoted(pathText))) of the JSON patch has no \"from\" string")
                }
                operation.from = try JSONPointer(parsing: fromText)
            case .remove:
                break
            }
            operations.append(operation)
        }
        return operations
    }

    /// Applies a JSON Patch document to `target`.
    /// - Throws: `JSONPatchError`: malformed when `patch` is not a patch document, not applicable when an
    ///   operation fails (the target is then unchanged: the caller keeps it).
    public static func apply(_ patch: JSONValue, to target: JSONValue) throws(JSONPatchError) -> JSONValue {
        try apply(try operations(of: patch), to: target)
    }

    /// Applies operations in order to `target`.
    /// - Throws: `JSONPatchError` as ``apply(_:to:)-(JSONValue,_)`` does.
    public static func apply(_ operations: [Operation], to target: JSONValue) throws(JSONPatchError) -> JSONValue {
        var document = target
        for operation in operations {
            document = try apply(operation, to: document)
        }
        return document
    }

    private static func apply(_ operation: Operation, to document: JSONValue) throws(JSONPatchError) -> JSONValue {
        let path = operation.path
        func failure(_ reason: String) -> JSONPatchError {
            .notApplicable("\(operation.kind.rawValue) operation at \(quoted(path.description)) does not apply: \(reason)")
        }
        switch operation.kind {
        case .add:
            return try adding(operation.value ?? .null, at: path, to: document, failure)
        case .remove:
            return try removing(at: path, from: document, failure).document
        case .replace:
            guard value(at: path, in: document) != nil else { throw failure("the document has no value there") }
            if path.tokens.isEmpty { return operation.value ?? .null }
            return try updatingParent(of: path, in: document, failure) { parent, token throws(JSONPatchError) in
                switch parent {
                case .object(var object):
                    object[token] = operation.value ?? .null
                    return .object(object)
                case .array(var elements):
                    guard let index = JSONPointer.index(token), index < elements.count else { throw failure("no such array element") }
                    elements[index] = operation.value ?? .null
                    return .array(elements)
                default:
                    throw failure("the parent is a \(parent.typeName)")
                }
            }
        case .move:
            let from = operation.from ?? JSONPointer(tokens: [])
            if path.isWithin(from) && path != from {
                throw failure("it would move \(quoted(from.description)) into itself")
            }
            let (without, moved) = try removing(at: from, from: document) { reason in
                failure("the source \(quoted(from.description)) cannot be removed: \(reason)")
            }
            if path == from { return document }
            return try adding(moved, at: path, to: without, failure)
        case .copy:
            let from = operation.from ?? JSONPointer(tokens: [])
            guard let copied = value(at: from, in: document) else {
                throw failure("the source \(quoted(from.description)) does not exist")
            }
            return try adding(copied, at: path, to: document, failure)
        case .test:
            guard let found = value(at: path, in: document) else { throw failure("the document has no value there") }
            guard equivalent(found, operation.value ?? .null) else {
                throw failure("the value is \(found.serializedString), not \((operation.value ?? .null).serializedString)")
            }
            return document
        }
    }

    /// The value a pointer names, or `nil` when there is none.
    public static func value(at pointer: JSONPointer, in document: JSONValue) -> JSONValue? {
        var current = document
        for token in pointer.tokens {
            switch current {
            case .object(let object):
                guard let member = object[token] else { return nil }
                current = member
            case .array(let elements):
                guard let index = JSONPointer.index(token), index < elements.count else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    private static func adding(
        _ value: JSONValue, at path: JSONPointer, to document: JSONValue, _ failure: (String) -> JSONPatchError
    ) throws(JSONPatchError) -> JSONValue {
        if path.tokens.isEmpty { return value }
        return try updatingParent(of: path, in: document, failure) { parent, token throws(JSONPatchError) in
            switch parent {
            case .object(var object):
                object[token] = value
                return .object(object)
            case .array(var elements):
                if token == "-" {
                    elements.append(value)
                } else {
                    guard let index = JSONPointer.index(token), index <= elements.count else {
                        throw failure("\(quoted(token)) is not an index from 0 to \(elements.count) of the array, nor \"-\"")
                    }
                    elements.insert(value, at: index)
                }
                return .array(elements)
            default:
                throw failure("the parent is a \(parent.typeName), not an object or an array")
            }
        }
    }

    private static func removing(
        at path: JSONPointer, from document: JSONValue, _ failure: (String) -> JSONPatchError
    ) throws(JSONPatchError) -> (document: JSONValue, removed: JSONValue) {
        guard !path.tokens.isEmpty else { throw failure("the whole document cannot be removed") }
        var removed = JSONValue.null
        let result = try updatingParent(of: path, in: document, failure) { parent, token throws(JSONPatchError) in
            switch parent {
            case .object(var object):
                guard let member = object[token] else { throw failure("the document has no value there") }
                removed = member
                object[token] = nil
                return .object(object)
            case .array(var elements):
                guard let index = JSONPointer.index(token), index < elements.count else {
                    throw failure("\(quoted(token)) is not an index from 0 to \(elements.count - 1) of the array")
                }
                removed = elements.remove(at: index)
                return .array(elements)
            default:
                throw failure("the document has no value there")
            }
        }
        return (result, removed)
    }

    /// Rebuilds `document` with the parent of `path` replaced by what `change` makes of it (given the last token).
    private static func updatingParent(
        of path: JSONPointer,
        in document: JSONValue,
        _ failure: (String) -> JSONPatchError,
        _ change: (JSONValue, String) throws(JSONPatchError) -> JSONValue
    ) throws(JSONPatchError) -> JSONValue {
        func descend(_ node: JSONValue, _ tokens: ArraySlice<String>) throws(JSONPatchError) -> JSONValue {
            guard tokens.count > 1, let token = tokens.first else { return try change(node, tokens.first ?? "") }
            switch node {
            case .object(var object):
                guard let child = object[token] else { throw failure("the parent does not exist") }
                object[token] = try descend(child, tokens.dropFirst())
                return .object(object)
            case .array(var elements):
                guard let index = JSONPointer.index(token), index < elements.count else { throw failure("the parent does not exist") }
                elements[index] = try descend(elements[index], tokens.dropFirst())
                return .array(elements)
            default:
                throw failure("the parent does not exist")
            }
        }
        return try descend(document, path.tokens[...])
    }

    /// JSON equality as RFC 6902 `test` defines it: numbers compare by value (`1` equals `1.0`), objects ignore
    /// member order, arrays compare element by element.
    public static func equivalent(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)):
            if a == b { return true }
            guard let x = a.doubleValue, let y = b.doubleValue else { return false }
            return x == y
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { equivalent($0, $1) }
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for (key, value) in a {
                guard let other = b[key], equivalent(value, other) else { return false }
            }
            return true
        default:
            return lhs == rhs
        }
    }
}

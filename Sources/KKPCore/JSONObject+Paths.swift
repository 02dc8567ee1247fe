extension JSONObject {
    /// The value at a path of member names (`["spec", "version"]`); `nil` when a step is missing or not an object.
    public func value(at path: some Collection<String>) -> JSONValue? {
        guard let first = path.first else { return .object(self) }
        guard let member = self[first] else { return nil }
        if path.count == 1 { return member }
        return member.objectValue?.value(at: path.dropFirst())
    }

    /// Sets (or, with `nil`, removes) the value at a path of member names, creating missing intermediate objects.
    /// A step that exists but is not an object is left alone, and nothing is set below it.
    public mutating func setValue(_ value: JSONValue?, at path: some Collection<String>) {
        guard let first = path.first else { return }
        if path.count == 1 {
            self[first] = value
            return
        }
        var child: JSONObject
        if let existing = self[first] {
            guard let object = existing.objectValue else { return }
            child = object
        } else {
            guard value != nil else { return }
            child = JSONObject()
        }
        child.setValue(value, at: path.dropFirst())
        self[first] = .object(child)
    }

    /// This object with every `null` member removed, recursively through objects and arrays: KKP decodes `null` as
    /// "not set", so kkp-mock stores it as absent.
    public func removingNulls() -> JSONObject {
        var result: [Member] = []
        result.reserveCapacity(count)
        for (key, value) in self where !value.isNull {
            result.append((key: key, value: value.removingNullMembers()))
        }
        return JSONObject(uniqueMembers: result)
    }
}

extension JSONValue {
    /// This value with `null` members of every nested object removed (array elements are kept).
    public func removingNullMembers() -> JSONValue {
        switch self {
        case .object(let object): .object(object.removingNulls())
        case .array(let elements): .array(elements.map { $0.removingNullMembers() })
        default: self
        }
    }
}

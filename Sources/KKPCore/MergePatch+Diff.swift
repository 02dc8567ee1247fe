extension MergePatch {
    /// The merge patch that turns `original` into `modified`: `apply(diff(a, b)!, to: a) == b` for objects without
    /// `null` members (a merge patch cannot set a member to `null`; it removes it). `nil` when the two are equal.
    ///
    /// Members of `original` missing from `modified` become `null`; objects present in both are diffed member by
    /// member; anything else that differs (arrays, scalars, a change of type) is sent whole. When `modified` is not
    /// an object, the patch is `modified` itself.
    public static func diff(from original: JSONValue, to modified: JSONValue) -> JSONValue? {
        guard case .object(let new) = modified, case .object(let old) = original else {
            return original == modified ? nil : modified
        }
        var patch: [JSONObject.Member] = []
        for (key, oldValue) in old where new[key] == nil && !oldValue.isNull {
            patch.append((key: key, value: .null))
        }
        for (key, newValue) in new {
            guard let oldValue = old[key], !oldValue.isNull else {
                if !newValue.isNull { patch.append((key: key, value: newValue)) }
                continue
            }
            if newValue.isNull {
                patch.append((key: key, value: .null))
            } else if case .object = newValue, case .object = oldValue {
                if let nested = diff(from: oldValue, to: newValue) { patch.append((key: key, value: nested)) }
            } else if oldValue != newValue {
                patch.append((key: key, value: newValue))
            }
        }
        return patch.isEmpty ? nil : .object(JSONObject(uniqueMembers: patch))
    }
}

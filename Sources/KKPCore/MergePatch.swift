/// JSON Merge Patch, RFC 7396, as a pure function.
///
/// A patch that is an object merges into the target member by member: `null` removes a member, an object merges
/// recursively (into `{}` when the target member is missing or not an object), anything else replaces. A patch that
/// is not an object replaces the target whole. The result keeps the target's member order; new members go last in
/// the patch's order.
public enum MergePatch {
    /// Applies `patch` to `target` as RFC 7396 section 2 defines it.
    public static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(let patchObject) = patch else { return patch }
        var result = target.objectValue ?? JSONObject()
        for (key, value) in patchObject {
            if value.isNull {
                result[key] = nil
            } else {
                result[key] = apply(value, to: result[key] ?? .null)
            }
        }
        return .object(result)
    }
}

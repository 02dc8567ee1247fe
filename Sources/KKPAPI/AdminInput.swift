import KKPCore
import MicroHTTP

/// Reading the input of the admin API: query parameters and JSON bodies, every mistake a 400 that says what is
/// wrong, before anything changes.
enum AdminInput {
    /// The query parameters of a request, each given at most once and each one of `allowed`.
    /// - Throws: `APIError` 400 for an unknown or repeated parameter.
    static func singleQueryValues(of request: HTTPRequest, allowed: [String]) throws(APIError) -> [(name: String, value: String)] {
        var seen: Set<String> = []
        for (name, _) in request.query {
            guard allowed.contains(name) else {
                let accepted = allowed.isEmpty ? "none" : allowed.joined(separator: ", ")
                throw APIError.badRequest("unknown query parameter \(quoted(name)) (accepted: \(accepted))")
            }
            guard seen.insert(name).inserted else {
                throw APIError.badRequest("query parameter \(quoted(name)) is given more than once")
            }
        }
        return request.query
    }

    /// A method token from user input, upper-cased (`patch` → `PATCH`); `nil` when it is not an HTTP token.
    static func method(_ text: String) -> HTTPMethod? {
        let token = text.uppercased()
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~")
        guard !token.isEmpty, token.allSatisfy(allowed.contains) else { return nil }
        return HTTPMethod(rawValue: token)
    }

    /// The body as a JSON object; an empty body is an empty object when `emptyIsEmptyObject`.
    /// - Throws: `APIError` 400 when the body is not JSON, or not an object.
    static func object(from request: HTTPRequest, emptyIsEmptyObject: Bool = false) throws(APIError) -> JSONObject {
        if emptyIsEmptyObject && request.body.allSatisfy({ [9, 10, 13, 32].contains($0) }) { return JSONObject() }
        let value: JSONValue
        do {
            value = try JSONValue(parsing: request.body)
        } catch {
            throw APIError.badRequest("invalid JSON", details: [error.description])
        }
        guard let object = value.objectValue else {
            throw APIError.badRequest("the body must be a JSON object, not \(kind(of: value))")
        }
        return object
    }

    /// Checks that `object` has no members but `allowed`.
    /// - Throws: `APIError` 400 naming the first unknown member.
    static func rejectUnknownMembers(of object: JSONObject, allowed: [String], in context: String) throws(APIError) {
        for key in object.keys where !allowed.contains(key) {
            throw APIError.badRequest(
                "unknown field \(quoted(context.isEmpty ? key : context + "." + key)) (accepted: \(allowed.joined(separator: ", ")))"
            )
        }
    }

    /// The integer member `key`, when present and not `null`, checked against `range`.
    /// - Throws: `APIError` 400 when it is not an integer or out of range.
    static func integer(_ key: String, of object: JSONObject, in range: ClosedRange<Int>, context: String = "") throws(APIError) -> Int? {
        guard let value = object[key], !value.isNull else { return nil }
        let name = context.isEmpty ? key : context + "." + key
        guard case .number(let number) = value, let integer = number.intValue else {
            throw APIError.badRequest("\(name) must be an integer, not \(kind(of: value))")
        }
        guard range.contains(integer) else {
            throw APIError.badRequest("\(name) must be from \(range.lowerBound) to \(range.upperBound), not \(integer)")
        }
        return integer
    }

    /// The string member `key`, when present and not `null`.
    /// - Throws: `APIError` 400 when it is not a string.
    static func string(_ key: String, of object: JSONObject, context: String = "") throws(APIError) -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let string = value.stringValue else {
            throw APIError.badRequest("\(context.isEmpty ? key : context + "." + key) must be a string, not \(kind(of: value))")
        }
        return string
    }

    /// How a value is named in messages: `a number`, `an object`, …
    static func kind(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number(let number): number.intValue == nil ? "a number (\(number.literal))" : "the number \(number.literal)"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

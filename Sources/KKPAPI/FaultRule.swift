import KKPCore
import MicroHTTP

/// A fault rule of the admin API: requests that match it (method and path) are delayed, answered with a given
/// response instead of the API's, or both; for a number of requests, or until the rule is removed.
///
/// Its JSON form (`POST /__mock/faults` takes it without `id`, `remaining` and `matched`):
/// ```json
/// {"id": 1, "method": "PATCH", "path": "/api/v2/projects/*/clusters/*", "delayMs": 200,
///  "response": {"status": 503, "headers": {"Retry-After": "1"}, "body": {"error": {"code": 503, "message": "…"}}},
///  "times": 3, "remaining": 3, "matched": 0}
/// ```
struct FaultRule: Sendable, Equatable {
    /// The rule's number: 1 for the first rule after start or reset, counting on.
    var id = 0
    /// The method to match (upper case); `nil` matches any. A `GET` rule also matches `HEAD`.
    var method: HTTPMethod?
    /// The paths to match.
    var path: PathPattern
    /// How long to hold the answer back, in milliseconds (0 to ``maxDelayMilliseconds``).
    var delayMilliseconds = 0
    /// The answer to send instead of the API's; `nil` lets the API answer (after the delay).
    var response: FaultResponse?
    /// How many requests the rule applies to before it removes itself; `nil` until it is removed.
    var times: Int?
    /// How many more requests it applies to, when `times` is set.
    var remaining: Int?
    /// How many requests it has applied to.
    var matched = 0

    /// The longest delay a rule may ask for: one minute.
    static let maxDelayMilliseconds = 60_000
    /// The members of a rule in a request.
    static let inputMembers = ["method", "path", "delayMs", "response", "times"]

    /// A rule from the body of `POST /__mock/faults`.
    /// - Throws: `APIError` 400 that names the member at fault: unknown members, wrong types, a missing or
    ///   malformed `path`, a delay out of range, `times` below 1, a rule that neither delays nor answers.
    init(parsing object: JSONObject) throws(APIError) {
        try AdminInput.rejectUnknownMembers(of: object, allowed: Self.inputMembers, in: "")
        if let text = try AdminInput.string("method", of: object), text != "*" {
            guard let method = AdminInput.method(text) else {
                throw APIError.badRequest("method \(quoted(text)) is not an HTTP method; use e.g. \"PATCH\", or \"*\" for any")
            }
            self.method = method
        }
        guard let pathText = try AdminInput.string("path", of: object) else {
            throw APIError.badRequest("path is required: a path pattern such as \"/api/v2/projects/*/clusters/*\" or \"/api/**\"")
        }
        path = try PathPattern(pathText)
        delayMilliseconds = try AdminInput.integer("delayMs", of: object, in: 0...Self.maxDelayMilliseconds) ?? 0
        if let value = object["response"], !value.isNull {
            guard let response = value.objectValue else {
                throw APIError.badRequest("response must be an object, not \(AdminInput.kind(of: value))")
            }
            self.response = try FaultResponse(parsing: response)
        }
        times = try AdminInput.integer("times", of: object, in: 1...Int(Int32.max))
        remaining = times
        guard delayMilliseconds > 0 || response != nil else {
            throw APIError.badRequest("a fault needs delayMs above 0, a response, or both")
        }
    }

    /// Whether a request with `method` and `path` matches.
    func matches(method: HTTPMethod, path: String) -> Bool {
        if let ruleMethod = self.method, ruleMethod != method, !(ruleMethod == .get && method == .head) { return false }
        return self.path.matches(path)
    }

    /// The rule as the admin API shows it.
    var json: JSONValue {
        var object = JSONObject()
        object["id"] = .number(JSONNumber(id))
        object["method"] = .string(method?.rawValue ?? "*")
        object["path"] = .string(path.text)
        object["delayMs"] = .number(JSONNumber(delayMilliseconds))
        if let response { object["response"] = response.json }
        if let times { object["times"] = .number(JSONNumber(times)) }
        if let remaining { object["remaining"] = .number(JSONNumber(remaining)) }
        object["matched"] = .number(JSONNumber(matched))
        return .object(object)
    }
}

/// The answer of a fault rule: a status, headers, and a JSON body or a text body.
///
/// Without a body, an error status (400 and above) gets KKP's error body, `{"error":{"code":N,"message":"fault
/// injected by kkp-mock"}}`; other statuses get an empty body.
struct FaultResponse: Sendable, Equatable {
    /// The status, from 200 to 599.
    var status: Int
    /// Headers to send, in order; they replace the defaults (`Content-Type`).
    var headers: [(name: String, value: String)] = []
    /// A JSON body, sent as `application/json`.
    var body: JSONValue?
    /// A text body, sent as is, as `text/plain; charset=utf-8` unless `headers` say otherwise.
    var bodyText: String?

    /// The members of a response in a request.
    static let inputMembers = ["status", "headers", "body", "bodyText"]
    /// The headers a fault response may not set: the server writes them itself.
    static let reservedHeaders: Set<String> = ["content-length", "transfer-encoding", "connection"]

    /// A response from the `response` member of a fault rule.
    /// - Throws: `APIError` 400 naming the member at fault.
    init(parsing object: JSONObject) throws(APIError) {
        try AdminInput.rejectUnknownMembers(of: object, allowed: Self.inputMembers, in: "response")
        guard let status = try AdminInput.integer("status", of: object, in: 200...599, context: "response") else {
            throw APIError.badRequest("response.status is required: a status from 200 to 599")
        }
        self.status = status
        if let value = object["headers"], !value.isNull {
            guard let headers = value.objectValue else {
                throw APIError.badRequest("response.headers must be an object of strings, not \(AdminInput.kind(of: value))")
            }
            for (name, value) in headers {
                guard let text = value.stringValue else {
                    throw APIError.badRequest("response.headers.\(name) must be a string, not \(AdminInput.kind(of: value))")
                }
                guard Self.isToken(name), !Self.reservedHeaders.contains(name.lowercased()) else {
                    throw APIError.badRequest("response.headers: \(quoted(name)) cannot be set")
                }
                guard text.unicodeScalars.allSatisfy({ $0 == "\t" || (0x20...0x7E).contains($0.value) }) else {
                    throw APIError.badRequest("response.headers.\(name): only printable ASCII is allowed in a header value")
                }
                self.headers.append((name, text))
            }
        }
        if let value = object["body"], !value.isNull { body = value }
        bodyText = try AdminInput.string("bodyText", of: object, context: "response")
        if body != nil && bodyText != nil {
            throw APIError.badRequest("response: give body (JSON) or bodyText (text), not both")
        }
    }

    /// The HTTP response to send.
    var httpResponse: HTTPResponse {
        var response: HTTPResponse
        if let body {
            response = .json(body, status: HTTPStatus(status))
        } else if let bodyText {
            response = .plainText(bodyText, status: HTTPStatus(status))
        } else if status >= 400 {
            response = .error(APIError(code: status, message: "fault injected by kkp-mock"))
        } else {
            response = HTTPResponse(status: HTTPStatus(status))
        }
        for (name, value) in headers { response.headers.set(name, value) }
        return response
    }

    /// The response as the admin API shows it.
    var json: JSONValue {
        var object = JSONObject()
        object["status"] = .number(JSONNumber(status))
        if !headers.isEmpty { object["headers"] = .object(JSONObject(headers.map { (key: $0.name, value: .string($0.value)) })) }
        if let body { object["body"] = body }
        if let bodyText { object["bodyText"] = .string(bodyText) }
        return .object(object)
    }

    static func == (lhs: FaultResponse, rhs: FaultResponse) -> Bool {
        lhs.status == rhs.status && lhs.body == rhs.body && lhs.bodyText == rhs.bodyText
            && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }

    private static func isToken(_ name: String) -> Bool {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-.^_`|~")
        return !name.isEmpty && name.allSatisfy(allowed.contains)
    }
}

/// The fault rules in force, in the order they were added; the first that matches a request applies.
struct FaultRules: Sendable {
    /// The rules, oldest first.
    private(set) var rules: [FaultRule] = []
    private var nextID = 1

    /// Adds a rule, giving it the next id.
    /// - Returns: the rule as stored.
    mutating func add(_ rule: FaultRule) -> FaultRule {
        var rule = rule
        rule.id = nextID
        nextID += 1
        rule.matched = 0
        rule.remaining = rule.times
        rules.append(rule)
        return rule
    }

    /// The rule with `id`.
    func rule(id: Int) -> FaultRule? {
        rules.first { $0.id == id }
    }

    /// Removes the rule with `id`.
    /// - Returns: the removed rule, or `nil` when there is none.
    mutating func remove(id: Int) -> FaultRule? {
        guard let index = rules.firstIndex(where: { $0.id == id }) else { return nil }
        return rules.remove(at: index)
    }

    /// Removes every rule; ids go on from where they were.
    /// - Returns: how many rules were removed.
    mutating func removeAll() -> Int {
        defer { rules.removeAll() }
        return rules.count
    }

    /// Removes every rule and starts the ids again from 1.
    mutating func restart() {
        rules.removeAll()
        nextID = 1
    }

    /// The first rule matching a request, counted as applied: `matched` goes up, `remaining` down, and a rule with
    /// nothing remaining is removed.
    /// - Returns: the rule as it applies to this request, or `nil` when none matches.
    mutating func apply(method: HTTPMethod, path: String) -> FaultRule? {
        guard let index = rules.firstIndex(where: { $0.matches(method: method, path: path) }) else { return nil }
        rules[index].matched += 1
        if let remaining = rules[index].remaining { rules[index].remaining = remaining - 1 }
        let applied = rules[index]
        if applied.remaining == 0 { rules.remove(at: index) }
        return applied
    }
}

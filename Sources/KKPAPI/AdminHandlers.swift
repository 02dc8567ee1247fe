import KKPCore
import KKPStore
import MicroHTTP

/// The mock-only endpoints: `/healthz` and the admin API under `/__mock/`. No token is needed; errors have KKP's
/// error body; every answer is JSON. Bad input is a 400 that says what is wrong, and changes nothing.
enum AdminHandlers {
    /// `GET /healthz`: `{"status":"ok"}` once the server answers. A query (a probe's cache buster) is ignored.
    static let health: Handler = { _ in
        .json(["status": "ok"])
    }

    /// `POST /__mock/reset`, body `{}` or `{"fixtures": "DIR"}` (or none): back to the fixtures, see
    /// ``Sandbox/reset(store:ids:directory:)``. Answers `{"fixtures": DIR, "projects": N, "clusters": N}`.
    static let reset: Handler = { context in
        _ = try AdminInput.singleQueryValues(of: context.request, allowed: [])
        let body = try AdminInput.object(from: context.request, emptyIsEmptyObject: true)
        try AdminInput.rejectUnknownMembers(of: body, allowed: ["fixtures"], in: "")
        let directory = try AdminInput.string("fixtures", of: body)
        if directory?.isEmpty == true { throw APIError.badRequest("fixtures must name a directory") }
        let fixtures = try context.sandbox.reset(store: context.store, ids: context.ids, directory: directory)
        return .json([
            "fixtures": .string(directory ?? context.sandbox.configuration.fixturesDirectory),
            "projects": .number(JSONNumber(fixtures.directory.projects.count)),
            "clusters": .number(JSONNumber(fixtures.clusters.count)),
        ])
    }

    /// `GET /__mock/journal?method=&path=&status=&limit=`:
    /// `{"capacity": N, "recorded": N, "entries": [ … ]}`, entries oldest first.
    static let journal: Handler = { context in
        let query = try JournalQuery(context.request)
        let (entries, capacity, recorded) = context.sandbox.journalEntries(matching: query)
        return .json([
            "capacity": .number(JSONNumber(capacity)),
            "recorded": .number(JSONNumber(recorded)),
            "entries": .array(entries.map(\.json)),
        ])
    }

    /// `DELETE /__mock/journal`: `{"removed": N}`.
    static let clearJournal: Handler = { context in
        _ = try AdminInput.singleQueryValues(of: context.request, allowed: [])
        return .json(["removed": .number(JSONNumber(context.sandbox.clearJournal()))])
    }

    /// `GET /__mock/faults`: `{"faults": [ … ]}`, oldest first.
    static let listFaults: Handler = { context in
        _ = try AdminInput.singleQueryValues(of: context.request, allowed: [])
        return .json(["faults": .array(context.sandbox.faultRules.map(\.json))])
    }

    /// `POST /__mock/faults`: 201 with the rule as stored and its `Location`.
    static let addFault: Handler = { context in
        _ = try AdminInput.singleQueryValues(of: context.request, allowed: [])
        let rule = context.sandbox.addFault(try FaultRule(parsing: try AdminInput.object(from: context.request)))
        var response = HTTPResponse.json(rule.json, status: .created)
        response.headers.set("Location", "/__mock/faults/\(rule.id)")
        return response
    }

    /// `DELETE /__mock/faults`: `{"removed": N}`.
    static let removeAllFaults: Handler = { context in
        _ = try AdminInput.singleQueryValues(of: context.request, allowed: [])
        return .json(["removed": .number(JSONNumber(context.sandbox.removeAllFaults()))])
    }

    /// `GET /__mock/faults/{fault_id}`: the rule.
    static let getFault: Handler = { context in
        _ = try AdminInput.singleQueryValues(of: context.request, allowed: [])
        let id = try faultID(context)
        guard let rule = context.sandbox.fault(id: id) else { throw faultNotFound(id) }
        return .json(rule.json)
    }

    /// `DELETE /__mock/faults/{fault_id}`: the removed rule.
    static let removeFault: Handler = { context in
        _ = try AdminInput.singleQueryValues(of: context.request, allowed: [])
        let id = try faultID(context)
        guard let rule = context.sandbox.removeFault(id: id) else { throw faultNotFound(id) }
        return .json(rule.json)
    }

    /// 404 for a path under `/__mock/` that is not an endpoint, in KKP's error shape.
    static func unknownPath(_ request: HTTPRequest) -> HTTPResponse {
        .error(
            APIError(
                code: 404, message: "\(quoted(request.path)) is not an endpoint of kkp-mock's admin API",
                details: ["endpoints: /__mock/reset, /__mock/journal, /__mock/faults, /__mock/faults/{fault_id}"]
            )
        ).addingSecurityHeaders()
    }

    private static func faultID(_ context: RequestContext) throws(APIError) -> Int {
        let text = context.parameter("fault_id")
        guard let id = Int(text), id > 0, String(id) == text else {
            throw APIError.badRequest("invalid fault id \(quoted(text)): expected a positive number")
        }
        return id
    }

    private static func faultNotFound(_ id: Int) -> APIError {
        APIError.notFound(kind: "fault", name: String(id))
    }
}

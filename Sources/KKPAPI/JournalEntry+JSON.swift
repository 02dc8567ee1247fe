import KKPCore
import MicroHTTP

extension JournalEntry {
    /// The entry as `GET /__mock/journal` shows it:
    /// ```json
    /// {"id": 7, "time": "2021-02-15T12:00:00.120Z",
    ///  "request": {"method": "PATCH", "path": "/api/…", "query": {"displayAll": ["true"]},
    ///              "headers": {"Authorization": ["Bearer demo-token"]}, "body": "{…}"},
    ///  "response": {"status": 200, "headers": {"Content-Type": ["application/json"]}, "body": "{…}"},
    ///  "fault": 2}
    /// ```
    /// Headers and query parameters map each name (as sent) to its values in order. A body is `body` when it is
    /// UTF-8 text and `bodyBase64` otherwise, with `bodyTruncated: true` and `bodySize` when it was cut; an empty
    /// body is left out. `fault` is there only when a fault rule applied.
    var json: JSONValue {
        var request = JSONObject()
        request["method"] = .string(self.request.method.rawValue)
        request["path"] = .string(self.request.path)
        request["query"] = Self.multimap(self.request.query.map { ($0.name, $0.value) })
        request["headers"] = Self.multimap(self.request.headers.map { ($0.name, $0.value) })
        Self.addBody(self.request.body, size: requestBodySize, to: &request)
        var response = JSONObject()
        response["status"] = .number(JSONNumber(status.rawValue))
        response["headers"] = Self.multimap(responseHeaders.map { ($0.name, $0.value) })
        Self.addBody(responseBody, size: responseBodySize, to: &response)
        var entry = JSONObject()
        entry["id"] = .number(JSONNumber(id))
        entry["time"] = .string(Timestamp.rfc3339(milliseconds: time))
        entry["request"] = .object(request)
        entry["response"] = .object(response)
        if let fault { entry["fault"] = .number(JSONNumber(fault)) }
        return .object(entry)
    }

    /// Names to their values, in the order the names first appear.
    private static func multimap(_ pairs: [(String, String)]) -> JSONValue {
        var object = JSONObject()
        for (name, value) in pairs {
            object[name] = .array((object[name]?.arrayValue ?? []) + [.string(value)])
        }
        return .object(object)
    }

    private static func addBody(_ body: [UInt8], size: Int, to object: inout JSONObject) {
        guard !body.isEmpty else { return }
        let truncated = body.count < size
        if let text = utf8Text(body, truncated: truncated) {
            object["body"] = .string(text)
        } else {
            object["bodyBase64"] = .string(base64(body))
        }
        if truncated {
            object["bodyTruncated"] = .bool(true)
            object["bodySize"] = .number(JSONNumber(size))
        }
    }

    /// The body as text when it is UTF-8; a cut body may end inside a character, whose bytes are then left out.
    private static func utf8Text(_ body: [UInt8], truncated: Bool) -> String? {
        for drop in 0...(truncated ? min(3, body.count) : 0) {
            if let text = String(validating: body.dropLast(drop), as: UTF8.self) { return text }
        }
        return nil
    }

    /// RFC 4648 base64 with padding.
    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            let value = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (16 - 8 * UInt32($1.offset)) }
            for position in 0..<4 {
                output.append(position <= chunk.count ? alphabet[Int(value >> (18 - 6 * UInt32(position)) & 63)] : UInt8(ascii: "="))
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}

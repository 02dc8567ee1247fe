import KKPCore
import MicroHTTP

#if canImport(Glibc)
    import Glibc
#endif

/// The access log: one line per request with its time, method, path, status and duration.
///
/// Text: `2021-02-15T12:00:00.120Z PATCH /api/v2/projects/jb4kfzwsxl/clusters/w225mx4z66 200 0.412ms`, with
/// ` fault=2` at the end when a fault rule applied (bytes outside printable ASCII in the path are written `\xNN`).
/// JSON: `{"time":"…","method":"PATCH","path":"/api/…","status":200,"durationMs":0.412,"fault":2}`.
/// The query is left out: it may hold a token.
public enum AccessLogFormat: String, Sendable, CaseIterable {
    /// One line of text per request.
    case text
    /// One JSON object per line.
    case json
    /// No access log.
    case off
}

/// Making access log lines; writing them is the caller's (one `write(2)` per line).
public enum AccessLog {
    /// The line for one request, ending in a newline; `nil` when the format is `off`.
    static func line(
        _ format: AccessLogFormat, time: Int64, method: HTTPMethod, path: String, status: HTTPStatus, duration: Duration,
        fault: Int?
    ) -> [UInt8]? {
        let milliseconds = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        switch format {
        case .off:
            return nil
        case .text:
            var line =
                "\(Timestamp.rfc3339(milliseconds: time)) \(printable(method.rawValue)) \(printable(path)) "
                + "\(status.rawValue) \(formatted(milliseconds))ms"
            if let fault { line += " fault=\(fault)" }
            return Array((line + "\n").utf8)
        case .json:
            var object = JSONObject()
            object["time"] = .string(Timestamp.rfc3339(milliseconds: time))
            object["method"] = .string(method.rawValue)
            object["path"] = .string(path)
            object["status"] = .number(JSONNumber(status.rawValue))
            object["durationMs"] = .number(JSONNumber(validatedLiteral: formatted(milliseconds)))
            if let fault { object["fault"] = .number(JSONNumber(fault)) }
            return JSONValue.object(object).serialized() + [UInt8(ascii: "\n")]
        }
    }

    /// Milliseconds with three decimals: `0.412`, `12.000`.
    static func formatted(_ milliseconds: Double) -> String {
        let microseconds = Int((max(0, milliseconds) * 1000).rounded())
        let fraction = String(microseconds % 1000)
        return "\(microseconds / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    /// `text` with bytes outside printable ASCII (and `\`) written as `\xNN`, so a line stays one line.
    static func printable(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            if byte >= 0x21 && byte <= 0x7E && byte != UInt8(ascii: "\\") {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16)
                result += "\\x" + (hex.count < 2 ? "0" : "") + hex
            }
        }
        return result
    }

    /// Writes `line` to standard error with one `write(2)` (more only if the kernel takes part of it).
    /// The corresponding C function is `write`.
    @Sendable public static func writeToStandardError(_ line: [UInt8]) {
        line.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}

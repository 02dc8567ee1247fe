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
            // Written byte by byte: with the default log, every request makes one.
            var line: [UInt8] = []
            line.reserveCapacity(64 + path.utf8.count)
            Timestamp.appendRFC3339(milliseconds: time, to: &line)
            line.append(UInt8(ascii: " "))
            appendPrintable(method.rawValue, to: &line)
            line.append(UInt8(ascii: " "))
            appendPrintable(path, to: &line)
            line.append(UInt8(ascii: " "))
            line.append(contentsOf: String(status.rawValue).utf8)
            line.append(UInt8(ascii: " "))
            appendFormatted(milliseconds, to: &line)
            line.append(contentsOf: "ms".utf8)
            if let fault {
                line.append(contentsOf: " fault=".utf8)
                line.append(contentsOf: String(fault).utf8)
            }
            line.append(UInt8(ascii: "\n"))
            return line
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
        var bytes: [UInt8] = []
        appendFormatted(milliseconds, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends what ``formatted(_:)`` returns, as UTF-8.
    static func appendFormatted(_ milliseconds: Double, to bytes: inout [UInt8]) {
        let microseconds = Int((max(0, milliseconds) * 1000).rounded())
        let fraction = microseconds % 1000
        bytes.append(contentsOf: String(microseconds / 1000).utf8)
        bytes.append(UInt8(ascii: "."))
        bytes.append(UInt8(ascii: "0") + UInt8(fraction / 100))
        bytes.append(UInt8(ascii: "0") + UInt8(fraction / 10 % 10))
        bytes.append(UInt8(ascii: "0") + UInt8(fraction % 10))
    }

    /// Appends `text` with bytes outside printable ASCII (and `\`) written as `\xNN`, so a line stays one line.
    static func appendPrintable(_ text: String, to bytes: inout [UInt8]) {
        let hex: StaticString = "0123456789abcdef"
        for byte in text.utf8 {
            if byte >= 0x21 && byte <= 0x7E && byte != UInt8(ascii: "\\") {
                bytes.append(byte)
            } else {
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(UInt8(ascii: "x"))
                bytes.append(hex.utf8Start[Int(byte >> 4)])
                bytes.append(hex.utf8Start[Int(byte & 0x0F)])
            }
        }
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

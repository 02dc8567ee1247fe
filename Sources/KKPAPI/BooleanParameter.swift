import KKPCore
import MicroHTTP

/// Boolean query parameters and headers, read as KKP reads them: Go's `strconv.ParseBool`.
enum BooleanParameter {
    /// The value of `text` as `strconv.ParseBool` reads it (`1`, `t`, `T`, `TRUE`, `true`, `True` and their `false`
    /// counterparts); `nil` for anything else.
    static func parse(_ text: String) -> Bool? {
        switch text {
        case "1", "t", "T", "TRUE", "true", "True": true
        case "0", "f", "F", "FALSE", "false", "False": false
        default: nil
        }
    }

    /// The query parameter `name` of a request: `false` when it is absent or empty, as in KKP.
    /// - Throws: `APIError` 400 `wrong query parameter: strconv.ParseBool: parsing "…": invalid syntax` (KKP's
    ///   message; KKP answers it with a 500, as it does for every decoding error).
    static func query(_ name: String, of request: HTTPRequest) throws(APIError) -> Bool {
        guard let text = request.queryValue(name), !text.isEmpty else { return false }
        guard let value = parse(text) else {
            throw APIError.badRequest("wrong query parameter: strconv.ParseBool: parsing \(quoted(text)): invalid syntax")
        }
        return value
    }

    /// The header `name` of a request: `false` when it is absent or empty, as in KKP.
    /// - Throws: `APIError` 400 `strconv.ParseBool: parsing "…": invalid syntax` (KKP's message; KKP answers it with
    ///   a 500, as it does for every decoding error).
    static func header(_ name: String, of request: HTTPRequest) throws(APIError) -> Bool {
        guard let text = request.headers[name], !text.isEmpty else { return false }
        guard let value = parse(text) else {
            throw APIError.badRequest("strconv.ParseBool: parsing \(quoted(text)): invalid syntax")
        }
        return value
    }
}

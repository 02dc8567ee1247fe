/// Percent-decoding of URL components (RFC 3986 §2.1), strict for path segments and lenient for query components.
enum PercentDecoding {
    /// Decodes `%HH` escapes in a path segment given as UTF-8; `nil` when an escape is malformed or the result is not
    /// UTF-8.
    static func decodeStrictly(_ component: UnsafeBufferPointer<UInt8>) -> String? {
        var escaped = false
        var ascii = true
        for byte in component {
            escaped = escaped || byte == UInt8(ascii: "%")
            ascii = ascii && byte < 0x80
        }
        if !escaped {
            // ASCII is UTF-8 as it is; `String(validating:)` costs ten times more than this whole loop.
            return ascii ? String(decoding: component, as: UTF8.self) : String(validating: component, as: UTF8.self)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(component.count)
        var iterator = component.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    return nil
                }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Decodes `%HH` escapes in a query name or value, keeping malformed escapes as they are and replacing
    /// bytes that are not UTF-8 with U+FFFD. A `+` stays a `+` (this is not form decoding).
    static func decodeLeniently(_ component: Substring) -> String {
        let utf8 = component.utf8
        guard utf8.contains(UInt8(ascii: "%")) else { return String(component) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%") {
                let first = utf8.index(after: index)
                if first < utf8.endIndex, let high = hexValue(utf8[first]) {
                    let second = utf8.index(after: first)
                    if second < utf8.endIndex, let low = hexValue(utf8[second]) {
                        bytes.append(high << 4 | low)
                        index = utf8.index(after: second)
                        continue
                    }
                }
            }
            bytes.append(byte)
            index = utf8.index(after: index)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Splits a raw query string on `&` and the first `=` of each part, decoding names and values leniently.
    /// Empty parts (`a=1&&b=2`) are skipped; a part without `=` has an empty value.
    static func parseQuery(_ query: Substring) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        let utf8 = query.utf8
        var start = utf8.startIndex
        while start < utf8.endIndex {
            let end = utf8[start...].firstIndex(of: UInt8(ascii: "&")) ?? utf8.endIndex
            if start != end {
                if let equals = utf8[start..<end].firstIndex(of: UInt8(ascii: "=")) {
                    result.append(
                        (decodeLeniently(query[start..<equals]), decodeLeniently(query[utf8.index(after: equals)..<end]))
                    )
                } else {
                    result.append((decodeLeniently(query[start..<end]), ""))
                }
            }
            start = end == utf8.endIndex ? end : utf8.index(after: end)
        }
        return result
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension Substring {
    /// The text without leading and trailing blanks: spaces and tabs, HTTP's optional whitespace.
    ///
    /// It works on the UTF-8 bytes (blanks are ASCII): it runs for every request's headers.
    public func trimmingBlanks() -> String {
        let utf8 = self.utf8
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, utf8[start] == UInt8(ascii: " ") || utf8[start] == UInt8(ascii: "\t") {
            start = utf8.index(after: start)
        }
        while start < end {
            let last = utf8.index(before: end)
            guard utf8[last] == UInt8(ascii: " ") || utf8[last] == UInt8(ascii: "\t") else { break }
            end = last
        }
        return String(self[start..<end])
    }
}

extension String {
    /// The text without leading and trailing blanks: spaces and tabs, HTTP's optional whitespace.
    public func trimmingBlanks() -> String {
        Substring(self).trimmingBlanks()
    }
}

// kkp-json-bench: kkp-mock's JSON parser and serializer against Foundation's, on a ~3 KB KKP cluster document.
//
// Usage: swift run -c release kkp-json-bench [iterations]   (default 1000 per row; the whole run takes a few seconds)
//
// Rows: our JSONValue(parsing:) and serialized(); Foundation's JSONSerialization both ways (sorted keys, since
// unsorted output changes from run to run); and JSONDecoder/JSONEncoder with a Codable JSON enum whose init(from:)
// tries Bool, Int64, Double, String, array and object in turn, the way one writes it without a hand-written parser.
import Foundation
import KKPCore

/// A JSON value decoded through Codable by trying each type in turn.
enum CodableJSON: Codable {
    case null, bool(Bool), int(Int64), double(Double), string(String), array([CodableJSON]), object([String: CodableJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([CodableJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: CodableJSON].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

/// One measured operation.
struct Row {
    var name: String
    var microsecondsPerOperation: Double
    /// The row ours is compared with: the parser for decoding rows, the serializer for encoding rows.
    var isParse: Bool
}

/// Runs `body` `iterations` times after a warm-up of a tenth of that, and returns the time per run.
func measure(_ name: String, isParse: Bool, iterations: Int, _ body: () throws -> Int) rethrows -> Row {
    var checksum = 0
    for _ in 0..<max(1, iterations / 10) { checksum &+= try body() }
    let clock = ContinuousClock()
    let start = clock.now
    for _ in 0..<iterations { checksum &+= try body() }
    let elapsed = clock.now - start
    precondition(checksum != 0, "\(name) did no work")
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    return Row(name: name, microsecondsPerOperation: seconds / Double(iterations) * 1e6, isParse: isParse)
}

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count <= 1, let iterations = arguments.first.map({ Int($0) }) ?? 1_000, iterations > 0 else {
    print("usage: kkp-json-bench [iterations]")
    exit(2)
}

let document = Array(sampleClusterDocument.utf8)
let data = Data(document)
let parsed = try JSONValue(parsing: document)
precondition(parsed.serialized() == document, "the sample document does not round-trip byte for byte")
let reparsed = try JSONValue(parsing: parsed.prettySerialized())
precondition(reparsed == parsed, "the pretty form does not parse back equal")
let foundationObject = try JSONSerialization.jsonObject(with: data)
let codable = try JSONDecoder().decode(CodableJSON.self, from: data)
let sortedEncoder = JSONEncoder()
sortedEncoder.outputFormatting = [.sortedKeys]

var rows: [Row] = []
rows.append(
    try measure("kkp-mock JSONValue(parsing:)", isParse: true, iterations: iterations) {
        try JSONValue(parsing: document).objectValue?.count ?? 0
    })
rows.append(measure("kkp-mock serialized()", isParse: false, iterations: iterations) { parsed.serialized().count })
rows.append(
    try measure("JSONSerialization.jsonObject", isParse: true, iterations: iterations) {
        (try JSONSerialization.jsonObject(with: data) as? NSDictionary)?.count ?? 0
    })
rows.append(
    try measure("JSONSerialization.data (sortedKeys)", isParse: false, iterations: iterations) {
        try JSONSerialization.data(withJSONObject: foundationObject, options: [.sortedKeys]).count
    })
rows.append(
    try measure("JSONDecoder → Codable JSON enum", isParse: true, iterations: iterations) {
        guard case .object(let object) = try JSONDecoder().decode(CodableJSON.self, from: data) else { return 0 }
        return object.count
    })
rows.append(
    try measure("JSONEncoder ← Codable JSON enum (sortedKeys)", isParse: false, iterations: iterations) {
        try sortedEncoder.encode(codable).count
    })

/// `text` padded with spaces to `width` characters, on the left when `right` is true.
func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let padding = String(repeating: " ", count: max(0, width - text.count))
    return right ? padding + text : text + padding
}

let ours = (parse: rows[0].microsecondsPerOperation, serialize: rows[1].microsecondsPerOperation)
print("document: \(document.count) bytes · \(iterations) iterations per row · single thread")
print(pad("operation", 44) + pad("µs/op", 10, right: true) + pad("ops/s", 11, right: true) + pad("× kkp-mock", 12, right: true))
print(String(repeating: "-", count: 77))
for row in rows {
    let reference = row.isParse ? ours.parse : ours.serialize
    print(
        pad(row.name, 44) + pad(String(format: "%.2f", row.microsecondsPerOperation), 10, right: true)
            + pad(String(format: "%.0f", 1e6 / row.microsecondsPerOperation), 11, right: true)
            + pad(String(format: "%.1f", row.microsecondsPerOperation / reference), 12, right: true))
}

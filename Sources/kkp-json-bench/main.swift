// kkp-json-bench: measures kkp-mock's JSON parser and serializer against Foundation's, on a KKP-sized cluster
// document. Usage: swift run -c release kkp-json-bench [iterations]
import Foundation
import KKPCore

/// A JSON value decoded through Codable, the way one would without a hand-written parser.
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

let iterations = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 20_000
let document = Array(sampleClusterDocument.utf8)
let data = Data(document)
let parsed = try JSONValue(parsing: document)
let foundationObject = try JSONSerialization.jsonObject(with: data)
let codable = try JSONDecoder().decode(CodableJSON.self, from: data)
let sortedEncoder = JSONEncoder()
sortedEncoder.outputFormatting = [.sortedKeys]

/// Runs `body` `iterations` times after a warm-up and returns microseconds per operation.
func measure(_ name: String, _ body: () throws -> Void) rethrows -> (String, Double) {
    for _ in 0..<max(1, iterations / 20) { try body() }
    let clock = ContinuousClock()
    let elapsed = try clock.measure { for _ in 0..<iterations { try body() } }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return (name, seconds / Double(iterations) * 1e6)
}

var sink = 0
let results = [
    try measure("kkp-mock JSONValue(parsing:)") { sink &+= try JSONValue(parsing: document).objectValue?.count ?? 0 },
    measure("kkp-mock serialized()") { sink &+= parsed.serialized().count },
    try measure("JSONSerialization.jsonObject") { sink &+= (try JSONSerialization.jsonObject(with: data) as? NSDictionary)?.count ?? 0 },
    try measure("JSONSerialization.data (sortedKeys)") { sink &+= try JSONSerialization.data(withJSONObject: foundationObject, options: [.sortedKeys]).count },
    try measure("JSONDecoder -> Codable JSON enum") { if case .object(let o) = try JSONDecoder().decode(CodableJSON.self, from: data) { sink &+= o.count } },
    try measure("JSONEncoder Codable JSON enum (sortedKeys)") { sink &+= try sortedEncoder.encode(codable).count },
]

print("document: \(document.count) bytes, \(iterations) iterations per row, release build expected")
print("operation".padding(toLength: 44, withPad: " ", startingAt: 0) + "   µs/op      ops/s   vs kkp-mock")
let ours = ["parse": results[0].1, "serialize": results[1].1]
for (index, (name, micros)) in results.enumerated() {
    let reference = index % 2 == 0 ? ours["parse"]! : ours["serialize"]!
    let row = name.padding(toLength: 44, withPad: " ", startingAt: 0)
        + String(format: "%8.2f %10.0f %10.1fx", micros, 1e6 / micros, micros / reference)
    print(row)
}
if sink == 42 { print("") }

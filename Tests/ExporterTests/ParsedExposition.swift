import Foundation

/// A strict reader of the Prometheus text format for assertions: every sample line must parse,
/// HELP and TYPE must come once per family before its samples, label values are unescaped.
struct ParsedExposition {
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        var labelOrder: [String]
        var value: Double
    }

    var samples: [Sample] = []
    var help: [String: String] = [:]
    var types: [String: String] = [:]
    /// Family names in the order their TYPE lines came.
    var families: [String] = []

    struct Invalid: Error, CustomStringConvertible { let description: String }

    init(_ text: String) throws {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
            if line.hasPrefix("# HELP ") || line.hasPrefix("# TYPE ") {
                let parts = line.dropFirst(7).split(separator: " ", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { throw Invalid(description: "bad comment: \(line)") }
                if line.hasPrefix("# HELP ") {
                    guard help[parts[0]] == nil else { throw Invalid(description: "second HELP for \(parts[0])") }
                    help[parts[0]] = parts[1]
                } else {
                    guard types[parts[0]] == nil else { throw Invalid(description: "second TYPE for \(parts[0])") }
                    types[parts[0]] = parts[1]
                    families.append(parts[0])
                }
                continue
            }
            let sample = try Self.parseSample(String(line))
            guard families.last == sample.name else { throw Invalid(description: "sample of \(sample.name) outside its family: \(line)") }
            samples.append(sample)
        }
    }

    func values(_ name: String, where match: [String: String] = [:]) -> [Sample] {
        samples.filter { sample in sample.name == name && match.allSatisfy { key, value in sample.labels[key] == value } }
    }

    func value(_ name: String, _ match: [String: String] = [:]) -> Double? {
        let found = values(name, where: match)
        return found.count == 1 ? found[0].value : nil
    }

    static func parseSample(_ line: String) throws -> Sample {
        var scalars = Array(line.unicodeScalars)[...]
        var name = ""
        while let c = scalars.first, c != "{" && c != " " { name.unicodeScalars.append(c); scalars.removeFirst() }
        var labels: [String: String] = [:]
        var order: [String] = []
        if scalars.first == "{" {
            scalars.removeFirst()
            while scalars.first != "}" {
                var key = ""
                while let c = scalars.first, c != "=" { key.unicodeScalars.append(c); scalars.removeFirst() }
                guard scalars.popFirst() == "=", scalars.popFirst() == "\"" else { throw Invalid(description: "bad label in \(line)") }
                var value = ""
                while let c = scalars.popFirst(), c != "\"" {
                    if c == "\\" {
                        switch scalars.popFirst() {
                        case "n": value += "\n"
                        case "\\": value += "\\"
                        case "\"": value += "\""
                        default: throw Invalid(description: "bad escape in \(line)")
                        }
                    } else {
                        guard c != "\n" else { throw Invalid(description: "raw newline in \(line)") }
                        value.unicodeScalars.append(c)
                    }
                }
                guard labels[key] == nil else { throw Invalid(description: "label \(key) twice in \(line)") }
                labels[key] = value
                order.append(key)
                if scalars.first == "," { scalars.removeFirst() }
                guard !scalars.isEmpty else { throw Invalid(description: "unterminated labels in \(line)") }
            }
            scalars.removeFirst()
        }
        guard scalars.popFirst() == " ", let value = Double(String(String.UnicodeScalarView(scalars))) else {
            throw Invalid(description: "bad value in \(line)")
        }
        return Sample(name: name, labels: labels, labelOrder: order, value: value)
    }
}

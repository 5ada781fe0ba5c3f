import AviAPI
import Foundation

/// A request body of the plan as indented JSON lines for people: keys sorted, secrets already
/// masked by the plan, and long strings (PEM above all) elided to their first line and size,
/// so no line carries an escaped `\n` or a token too long to read.
public enum PlanBodyText {
    /// Strings longer than this are elided.
    public static let longString = 60

    public static func lines(_ value: JSONValue, indent: String = "") -> [String] {
        var out: [String] = []
        append(value, key: nil, indent: indent, trailingComma: false, into: &out)
        return out
    }

    /// One string as shown: quoted, or `"first line … (N bytes)"` when long or multi-line.
    public static func string(_ text: String) -> String {
        guard text.count > longString || text.contains("\n") else { return quoted(text) }
        let first = text.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
        let head = first.count > 40 ? String(first.prefix(40)) : first
        return "\"" + escaped(head) + " … (\(text.utf8.count) bytes)\""
    }

    private static func append(_ value: JSONValue, key: String?, indent: String, trailingComma: Bool, into out: inout [String]) {
        let label = key.map { quoted($0) + ": " } ?? ""
        let comma = trailingComma ? "," : ""
        switch value {
        case let .object(object) where !object.isEmpty:
            out.append(indent + label + "{")
            let keys = object.keys.sorted()
            for (index, name) in keys.enumerated() {
                append(object[name] ?? .null, key: name, indent: indent + "  ", trailingComma: index < keys.count - 1, into: &out)
            }
            out.append(indent + "}" + comma)
        case let .array(items) where !items.isEmpty:
            out.append(indent + label + "[")
            for (index, item) in items.enumerated() {
                append(item, key: nil, indent: indent + "  ", trailingComma: index < items.count - 1, into: &out)
            }
            out.append(indent + "]" + comma)
        case .object: out.append(indent + label + "{}" + comma)
        case .array: out.append(indent + label + "[]" + comma)
        case .null: out.append(indent + label + "null" + comma)
        case let .bool(flag): out.append(indent + label + (flag ? "true" : "false") + comma)
        case let .number(number):
            let text = number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
            out.append(indent + label + text + comma)
        case let .string(text): out.append(indent + label + string(text) + comma)
        }
    }

    private static func quoted(_ text: String) -> String { "\"" + escaped(text) + "\"" }

    private static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}

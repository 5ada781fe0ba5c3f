import Foundation

/// Any JSON value, kept whole so that objects can be read, changed in one place and
/// written back without losing fields this build does not know.
public enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case let .bool(value): try container.encode(value)
        case let .number(value):
            if value.rounded() == value, abs(value) < 1e15 { try container.encode(Int64(value)) } else { try container.encode(value) }
        case let .string(value): try container.encode(value)
        case let .array(value): try container.encode(value)
        case let .object(value): try container.encode(value)
        }
    }

    public subscript(key: String) -> JSONValue? {
        get { if case let .object(object) = self { return object[key] } else { return nil } }
        set {
            guard case var .object(object) = self else { return }
            object[key] = newValue
            self = .object(object)
        }
    }

    public var stringValue: String? { if case let .string(value) = self { return value } else { return nil } }
    public var boolValue: Bool? { if case let .bool(value) = self { return value } else { return nil } }
    public var numberValue: Double? { if case let .number(value) = self { return value } else { return nil } }
    public var arrayValue: [JSONValue]? { if case let .array(value) = self { return value } else { return nil } }
    public var objectValue: [String: JSONValue]? { if case let .object(value) = self { return value } else { return nil } }

    /// Compact JSON with sorted keys, so equal values give equal bytes.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Flattens into `path: value` lines for detail panes (`certificate.subject.common_name: x`).
    public func flattened(prefix: String = "") -> [(String, String)] {
        switch self {
        case let .object(object):
            return object.keys.sorted().flatMap { key in
                object[key].map { $0.flattened(prefix: prefix.isEmpty ? key : "\(prefix).\(key)") } ?? []
            }
        case let .array(items):
            if items.isEmpty { return [(prefix, "[]")] }
            return items.enumerated().flatMap { $0.element.flattened(prefix: "\(prefix)[\($0.offset)]") }
        case .null: return [(prefix, "null")]
        case let .bool(value): return [(prefix, String(value))]
        case let .number(value):
            return [(prefix, value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value))]
        case let .string(value): return [(prefix, value)]
        }
    }
}

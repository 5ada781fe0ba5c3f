import Foundation

/// The JSON every headless report prints: pretty, key-sorted, slashes unescaped, ending in a
/// newline, so `status --json`, `status --all --json` and plan bodies read and diff the same way.
/// Controls and bidirectional overrides from the controller are escaped (`JSONText`), so a
/// report piped to a terminal cannot move its cursor or reorder its text.
public enum ReportJSON {
    /// Encodes `value`; throws what `JSONEncoder` throws.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        var data = JSONText.escapingUnsafe(try encoder.encode(value))
        data.append(0x0A)
        return data
    }

    /// Without the trailing newline, for text that embeds it.
    public static func text<T: Encodable>(_ value: T) throws -> String {
        JSONText.escapingUnsafe(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

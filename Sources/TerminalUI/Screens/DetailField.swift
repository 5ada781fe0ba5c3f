import AviAPI
import Foundation

/// One line of a detail pane: a field path and its value.
public struct DetailField: Hashable, Sendable {
    public var key: String
    public var value: String

    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }

    /// Every field of a model, as the controller named them
    /// (`certificate.subject.common_name`), by encoding it back to JSON.
    public static func fields<T: Encodable>(of model: T) -> [DetailField] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(model), let json = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            return [DetailField("error", "this object cannot be shown")]
        }
        return json.flattened().map { DetailField($0.0, $0.1) }
    }

    /// A heading line between groups of fields.
    public static func section(_ title: String) -> DetailField { DetailField("", title) }

    public var isSection: Bool { key.isEmpty }
}

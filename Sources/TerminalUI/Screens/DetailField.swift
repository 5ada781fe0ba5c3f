import Console

import AviAPI
import Foundation

/// Detail-pane lines built from models.
enum DetailItems {
    /// Every field of a model, as the controller named them
    /// (`certificate.subject.common_name`), by encoding it back to JSON.
    /// Multi-line values (PEM) keep their lines.
    static func fields<T: Encodable>(of model: T) -> [DetailPane.Item] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(model), let json = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            return [DetailPane.Item("error", "this object cannot be shown")]
        }
        return json.flattened().flatMap { key, value in lines(key, value) }
    }

    /// One item per line of a value, the key on the first only.
    static func lines(_ key: String, _ value: String, role: ThemeRole? = nil) -> [DetailPane.Item] {
        let parts = value.split(separator: "\n", omittingEmptySubsequences: false)
        guard parts.count > 1 else { return [DetailPane.Item(key, value, role: role)] }
        return parts.enumerated().map { DetailPane.Item($0.offset == 0 ? key : "", String($0.element), role: role) }
    }
}

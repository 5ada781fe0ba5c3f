import Console

import AviAPI
import Foundation

/// Detail-pane lines built from models.
enum DetailItems {
    /// Every field of a model, as the controller named them
    /// (`certificate.subject.common_name`), by encoding it back to JSON.
    /// Multi-line values (PEM) wrap as one paragraph.
    static func fields<T: Encodable>(of model: T) -> [DetailPane.Item] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(model), let json = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            return [DetailPane.Item("error", "this object cannot be shown")]
        }
        return json.flattened().map { DetailPane.Item($0.0, $0.1) }
    }

}

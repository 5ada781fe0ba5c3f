import Foundation

/// The controller's error text: `{"error": "..."}`, or a plain-text body (CSRF failures).
enum ErrorBody {
    static func message(_ body: Data) -> String {
        if let json = try? JSONDecoder().decode(JSONValue.self, from: body) {
            for key in ["error", "detail", "message", "msg"] {
                if let text = json[key]?.stringValue { return text }
            }
        }
        let text = String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.filter { !$0.isASCII || ($0.asciiValue ?? 0) >= 32 }
    }
}

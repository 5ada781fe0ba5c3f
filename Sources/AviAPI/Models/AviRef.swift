import Foundation

/// An object reference: `https://host/api/<type>/<uuid>#<name>`, or relative `/api/<type>/<uuid>`,
/// or by name `/api/<type>?name=<name>`.
public struct AviRef: Sendable, Hashable, Codable, CustomStringConvertible {
    public let raw: String
    public let type: String
    /// Nil for a by-name reference.
    public let uuid: String?
    /// From the `#name` suffix or the `?name=` form; nil when the reference carries no name.
    public let name: String?

    public init(_ raw: String) {
        self.raw = raw
        var text = raw
        var name: String?
        if let hash = text.firstIndex(of: "#") {
            name = Self.unescaped(text[text.index(after: hash)...])
            text = String(text[..<hash])
        }
        if let query = text.firstIndex(of: "?") {
            let items = text[text.index(after: query)...].split(separator: "&")
            for item in items where item.hasPrefix("name=") {
                name = Self.unescaped(item.dropFirst(5))
            }
            text = String(text[..<query])
        }
        let path: Substring
        if let range = text.firstRange(of: "/api/") { path = text[range.upperBound...] } else { path = Substring(text) }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        self.type = parts.first.map(String.init) ?? ""
        self.uuid = parts.count > 1 ? String(parts[1]) : nil
        self.name = name
    }

    public init(from decoder: Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    /// Percent-decoded; Foundation's decoder only when there is something to decode (every SE
    /// read parses hundreds of references, and almost none is escaped).
    private static func unescaped(_ text: Substring) -> String? {
        text.contains("%") ? String(text).removingPercentEncoding : String(text)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(raw)
    }

    /// `/api/<type>/<uuid>` — the form avitui writes.
    public var relativePath: String {
        if let uuid { return "/api/\(type)/\(uuid)" }
        return "/api/\(type)?name=\(name ?? "")"
    }

    public var description: String { name ?? uuid ?? raw }
}

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
        // On UTF-8 bytes (every delimiter is ASCII): an SE read parses hundreds of references,
        // and Character-by-Character searching was a visible part of an idle console's CPU.
        let bytes = raw.utf8
        var end = bytes.endIndex
        var name: String?
        if let hash = bytes.firstIndex(of: UInt8(ascii: "#")) {
            name = Self.unescaped(raw[bytes.index(after: hash)...])
            end = hash
        }
        if let query = bytes[..<end].firstIndex(of: UInt8(ascii: "?")) {
            for item in raw[bytes.index(after: query)..<end].utf8.split(separator: UInt8(ascii: "&")) where item.starts(with: "name=".utf8) {
                name = Self.unescaped(Substring(item.dropFirst(5)))
            }
            end = query
        }
        let text = raw[..<end]
        let path = text.utf8.firstRange(of: "/api/".utf8).map { text[$0.upperBound...] } ?? text
        let parts = path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true)
        self.type = parts.first.map { String(Substring($0)) } ?? ""
        self.uuid = parts.count > 1 ? String(Substring(parts[1])) : nil
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

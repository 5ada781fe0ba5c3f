import Foundation

/// A request as the router sees it: fully read, headers by lower-case name.
struct SimRequest: Sendable {
    let method: String
    /// The path without query, percent-decoded.
    let path: String
    /// The raw query string (no `?`).
    let query: String
    let headers: [(name: String, value: String)]
    let body: [UInt8]

    init(method: String, uri: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.method = method.uppercased()
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let rawPath = parts.first.map(String.init) ?? "/"
        self.path = rawPath.removingPercentEncoding ?? rawPath
        self.query = parts.count > 1 ? String(parts[1]) : ""
        self.headers = headers.map { ($0.name.lowercased(), $0.value) }
        self.body = body
    }

    func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name == lower }?.value
    }

    var queryItems: [(name: String, value: String)] { FormEncoding.decode(query) }

    func queryValue(_ name: String) -> String? { queryItems.last { $0.name == name }?.value }

    /// Cookies by name; with duplicates (the SDK sends each twice) the first wins.
    var cookies: [String: String] {
        var out: [String: String] = [:]
        for (name, value) in headers where name == "cookie" {
            for pair in value.split(separator: ";") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                guard kv.count == 2 else { continue }
                let key = kv[0].trimmingCharacters(in: .whitespaces)
                if out[key] == nil { out[key] = kv[1].trimmingCharacters(in: .whitespaces) }
            }
        }
        return out
    }

    /// The `https://host:port` prefix used in refs: the address the client used.
    func origin(fallback: String) -> String {
        if let host = header("host"), !host.isEmpty { return "https://\(host)" }
        return fallback
    }
}

/// What the router answers; the HTTP layer turns it into bytes.
struct SimResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)] = []
    var body: [UInt8] = []
    /// Close the connection without answering.
    var drop = false
    var delay: TimeInterval = 0

    static func json(_ status: Int, _ value: JSON) -> SimResponse {
        SimResponse(status: status, headers: [("Content-Type", "application/json")], body: value.serialized())
    }

    /// `{"error": "..."}`: the controller's usual error shape (REFERENCE §1.7).
    static func error(_ status: Int, _ message: String) -> SimResponse {
        json(status, .obj(["error": .string(message)]))
    }

    static let dropped = SimResponse(status: 0, drop: true)
}

enum FormEncoding {
    static func decode(_ text: String) -> [(name: String, value: String)] {
        guard !text.isEmpty else { return [] }
        return text.split(separator: "&").map { pair in
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = unescape(String(kv[0]))
            let value = kv.count > 1 ? unescape(String(kv[1])) : ""
            return (name, value)
        }
    }

    static func unescape(_ text: String) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~,:")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

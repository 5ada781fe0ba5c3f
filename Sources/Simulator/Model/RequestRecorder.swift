import Foundation

/// Keeps every mutating request (secrets masked) and counts all requests.
struct RequestRecorder {
    private(set) var mutating: [RecordedRequest] = []
    private(set) var total = 0
    /// Bytes of every answer (status line, headers and body, as sent before any compression).
    private(set) var bytes = 0
    /// Requests and bytes per path (query left out), for `make bench`'s breakdown.
    private(set) var byPath: [String: (requests: Int, bytes: Int)] = [:]
    /// Path and query of every GET since the last reset (bounded), so a benchmark can replay them.
    private(set) var gets: [String] = []
    static let getLimit = 100_000

    static let mutatingMethods: Set<String> = ["POST", "PUT", "PATCH", "DELETE"]
    static let secretKeys: Set<String> = ["password", "old_password", "key", "key_passphrase", "token", "auth_token", "csp_token"]

    /// Response body bytes since the last reset (what a client read, headers aside): `make bench`'s bytes per minute.
    private(set) var responseBytes = 0

    mutating func countRequest() { total += 1 }

    /// Counts one answer's size on the wire (uncompressed): what a controller would serve.
    mutating func countAnswer(path: String, _ response: SimResponse) {
        var size = 17 + response.body.count  // `HTTP/1.1 200 OK\r\n` and the blank line
        for header in response.headers { size += header.name.utf8.count + header.value.utf8.count + 4 }
        size += 64  // Content-Length, Connection and Date, which the HTTP layer adds
        bytes += size
        responseBytes += response.body.count
        let entry = byPath[path] ?? (0, 0)
        byPath[path] = (entry.requests + 1, entry.bytes + size)
    }

    mutating func record(method: String, path: String, query: String, body: [UInt8], status: Int, time: Date, user: String?) {
        if method == "GET", gets.count < RequestRecorder.getLimit { gets.append(query.isEmpty ? path : "\(path)?\(query)") }
        guard RequestRecorder.mutatingMethods.contains(method) else { return }
        mutating.append(RecordedRequest(
            method: method, path: path, query: query,
            body: RequestRecorder.mask(body), status: status, time: time, user: user
        ))
    }

    mutating func reset() {
        mutating.removeAll()
        gets.removeAll()
        total = 0
        bytes = 0
        byPath.removeAll()
        responseBytes = 0
    }

    /// Masks secrets in JSON bodies and form bodies; other text is kept.
    static func mask(_ body: [UInt8]) -> String {
        guard !body.isEmpty else { return "" }
        if let json = try? JSON.parse(body) {
            return String(decoding: maskJSON(json).serialized(), as: UTF8.self)
        }
        let text = String(decoding: body, as: UTF8.self)
        if text.contains("=") && !text.contains("\n") {
            return text.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                if parts.count == 2, secretKeys.contains(String(parts[0])) { return "\(parts[0])=<sensitive>" }
                return String(pair)
            }.joined(separator: "&")
        }
        return text
    }

    static func maskJSON(_ value: JSON) -> JSON {
        switch value {
        case .object(let members):
            return .object(members.map { member in
                if secretKeys.contains(member.key), case .string(let s) = member.value, !s.isEmpty {
                    return JSON.Member(key: member.key, value: .string("<sensitive>"))
                }
                return JSON.Member(key: member.key, value: maskJSON(member.value))
            })
        case .array(let items):
            return .array(items.map(maskJSON))
        default:
            return value
        }
    }
}

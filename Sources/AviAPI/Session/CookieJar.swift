/// The session cookies: `csrftoken`, and `avi-sessionid` and/or `sessionid` depending on the release.
struct CookieJar: Sendable {
    private(set) var values: [String: String] = [:]
    private static let order = ["csrftoken", "avi-sessionid", "sessionid"]

    /// Takes every `Set-Cookie`; a value of `None` (sent with Basic auth) or an expired cookie removes it.
    mutating func absorb(setCookieHeaders: [String]) {
        for header in setCookieHeaders {
            let pair = header.split(separator: ";", maxSplits: 1).first ?? ""
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let name = pair[..<equals].trimmingCharacters(in: .whitespaces)
            let value = pair[pair.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            let expired = header.lowercased().contains("max-age=0")
            if value.isEmpty || value == "None" || value == "\"\"" || expired { values[name] = nil } else { values[name] = value }
        }
    }

    var csrfToken: String? { values["csrftoken"] }
    var hasSession: Bool { values["avi-sessionid"] != nil || values["sessionid"] != nil }

    /// Every SDK sends both session cookie names with the same value (REFERENCE.md §1.2).
    var header: String? {
        var all = values
        if let session = all["avi-sessionid"] ?? all["sessionid"] {
            all["avi-sessionid"] = session
            all["sessionid"] = session
        }
        let known = Self.order.compactMap { name in all[name].map { "\(name)=\($0)" } }
        let others = all.keys.filter { !Self.order.contains($0) }.sorted().compactMap { name in all[name].map { "\(name)=\($0)" } }
        let cookies = known + others
        return cookies.isEmpty ? nil : cookies.joined(separator: "; ")
    }

    mutating func clear() { values = [:] }
}

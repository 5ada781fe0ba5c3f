import Foundation

extension URL {
    /// `host:port` when a port is given, else the host: what messages name.
    public var hostAndPort: String {
        guard let host else { return absoluteString }
        return port.map { "\(host):\($0)" } ?? host
    }
}

extension URL {
    /// The same URL without `user:password@`: what may be printed, logged, written or sent as `Referer`.
    public var withoutUserInfo: URL {
        guard user != nil || password != nil, var components = URLComponents(url: self, resolvingAgainstBaseURL: false) else { return self }
        components.user = nil
        components.password = nil
        return components.url ?? self
    }

    /// A URL given as text with any `user:password@` replaced by `***@`, for error messages about that very text.
    public static func redactingUserInfo(_ text: String) -> String {
        guard let scheme = text.range(of: "://") else {
            return text.firstIndex(of: "@").map { "***" + text[$0...] } ?? text
        }
        let rest = text[scheme.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return text }
        return String(text[..<scheme.upperBound]) + "***" + String(rest[at...])
    }
}

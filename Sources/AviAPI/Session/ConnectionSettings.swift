import Foundation

/// Everything needed to talk to one controller cluster.
public struct ConnectionSettings: Sendable {
    /// Cluster VIP and node addresses, tried in order; the next is used when one is unreachable.
    public var controllers: [URL]
    public var username: String
    public var password: String
    public var tenant: String
    /// `X-Avi-Version`; nil = the controller's own version from the login reply.
    public var apiVersion: String?
    public var trust: TLSTrust
    public var limits: TransportLimits
    public var readOnly: Bool

    public init(controllers: [URL], username: String, password: String, tenant: String = "admin", apiVersion: String? = nil,
                trust: TLSTrust = .system, limits: TransportLimits = TransportLimits(), readOnly: Bool = false) {
        self.controllers = controllers
        self.username = username
        self.password = password
        self.tenant = tenant
        self.apiVersion = apiVersion
        self.trust = trust
        self.limits = limits
        self.readOnly = readOnly
    }

    /// Parses `--controller` / `AVI_CONTROLLER`: comma-separated hosts or URLs; https and port 443 by default.
    /// `http://` is refused (the password and the session cookies would cross the network in clear),
    /// and so is a user or password inside the URL (it would end up in logs, output and headers).
    public static func parseControllers(_ text: String) throws -> [URL] {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !parts.isEmpty else { throw AviError.invalidConfiguration("no controller address given — pass --controller or set AVI_CONTROLLER") }
        return try parts.map { part in
            let withScheme = part.contains("://") ? part : "https://\(part)"
            guard var components = URLComponents(string: withScheme) else {
                throw AviError.invalidConfiguration("'\(URL.redactingUserInfo(part))' is not a controller address — use a host name, an IP or https://host[:port]")
            }
            // Checked before anything else, so no message below can echo the secret.
            if components.user != nil || components.password != nil || components.percentEncodedHost?.contains("@") == true {
                throw AviError.invalidConfiguration("a controller address must not hold a user or password ('\(URL.redactingUserInfo(part))') — pass --username, and the password by AVI_PASSWORD, --password-file or the prompt")
            }
            if components.scheme?.lowercased() == "http" {
                throw AviError.invalidConfiguration("'\(part)' uses http:// — the password would cross the network in clear; use https://")
            }
            guard let host = components.host, !host.isEmpty, components.scheme?.lowercased() == "https" else {
                throw AviError.invalidConfiguration("'\(part)' is not a controller address — use a host name, an IP or https://host[:port]")
            }
            components.scheme = "https"
            components.path = ""
            components.query = nil
            components.fragment = nil
            guard let url = components.url else { throw AviError.invalidConfiguration("'\(part)' is not a controller address") }
            return url
        }
    }
}

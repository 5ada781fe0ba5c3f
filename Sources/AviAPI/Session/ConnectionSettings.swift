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
    public static func parseControllers(_ text: String) throws -> [URL] {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !parts.isEmpty else { throw AviError.invalidConfiguration("no controller address given — pass --controller or set AVI_CONTROLLER") }
        return try parts.map { part in
            let withScheme = part.contains("://") ? part : "https://\(part)"
            guard var components = URLComponents(string: withScheme), let host = components.host, !host.isEmpty,
                  components.scheme == "https" || components.scheme == "http"
            else { throw AviError.invalidConfiguration("'\(part)' is not a controller address — use a host name, an IP or https://host[:port]") }
            components.path = ""
            components.query = nil
            components.fragment = nil
            guard let url = components.url else { throw AviError.invalidConfiguration("'\(part)' is not a controller address") }
            return url
        }
    }
}

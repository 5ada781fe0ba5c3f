import AviAPI

/// What uses each certificate: the portal, the secure channel, virtual services.
public struct CertificateUsage: Sendable {
    public var portal: Set<String>          // certificate uuids (or names for by-name refs)
    public var secureChannel: Set<String>
    public var virtualServicesByCertificate: [String: [String]]  // uuid → VS names, sorted
    /// The secure channel uses the system default when its ref list is empty.
    public var secureChannelUsesDefault: Bool
    public var portalUsesDefaults: Bool

    public static let empty = CertificateUsage(portal: [], secureChannel: [], virtualServicesByCertificate: [:],
                                               secureChannelUsesDefault: false, portalUsesDefaults: false)

    public init(portal: Set<String>, secureChannel: Set<String>, virtualServicesByCertificate: [String: [String]],
                secureChannelUsesDefault: Bool, portalUsesDefaults: Bool) {
        self.portal = portal
        self.secureChannel = secureChannel
        self.virtualServicesByCertificate = virtualServicesByCertificate
        self.secureChannelUsesDefault = secureChannelUsesDefault
        self.portalUsesDefaults = portalUsesDefaults
    }

    public init(systemConfiguration: SystemConfiguration?, virtualServices: [VirtualService]) {
        let portalRefs = systemConfiguration?.portalCertificateRefs ?? []
        let channelRefs = systemConfiguration?.secureChannelCertificateRefs ?? []
        portal = Set(portalRefs.compactMap { $0.uuid ?? $0.name })
        secureChannel = Set(channelRefs.compactMap { $0.uuid ?? $0.name })
        portalUsesDefaults = systemConfiguration != nil && portalRefs.isEmpty
        secureChannelUsesDefault = systemConfiguration != nil && channelRefs.isEmpty
        var byCertificate: [String: [String]] = [:]
        for service in virtualServices {
            for ref in service.sslKeyAndCertificateRefs ?? [] {
                if let key = ref.uuid ?? ref.name { byCertificate[key, default: []].append(service.name) }
            }
        }
        virtualServicesByCertificate = byCertificate.mapValues { $0.sorted() }
    }

    /// `portal`, `secure_channel`, then VS names — the `used_for` list of `status --json`.
    public func usedFor(_ certificate: SSLKeyAndCertificate) -> [String] {
        var uses: [String] = []
        let keys = [certificate.uuid, certificate.name]
        if keys.contains(where: portal.contains) ||
            (portalUsesDefaults && certificate.name.hasPrefix("System-Default-Portal-Cert")) { uses.append("portal") }
        if keys.contains(where: secureChannel.contains) ||
            (secureChannelUsesDefault && certificate.name == "System-Default-Secure-Channel-Cert") { uses.append("secure_channel") }
        uses += virtualServicesByCertificate[certificate.uuid] ?? []
        uses += virtualServicesByCertificate[certificate.name] ?? []
        return uses
    }

    public func isSecureChannel(_ certificate: SSLKeyAndCertificate) -> Bool {
        secureChannel.contains(certificate.uuid) || secureChannel.contains(certificate.name) ||
            (secureChannelUsesDefault && certificate.name == "System-Default-Secure-Channel-Cert")
    }
}

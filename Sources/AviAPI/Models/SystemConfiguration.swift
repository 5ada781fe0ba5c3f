/// `GET /api/systemconfiguration`, kept whole so a PUT writes back every field it read.
public struct SystemConfiguration: Sendable {
    public var raw: JSONValue

    public init(raw: JSONValue) { self.raw = raw }

    public var lastModified: String? { raw["_last_modified"]?.stringValue }

    /// False when the controller hid the block (an old `X-Avi-Version`).
    public var hasSecureChannelConfiguration: Bool { raw["secure_channel_configuration"] != nil }

    /// At most one; empty means the system default certificate.
    public var secureChannelCertificateRefs: [AviRef] {
        raw["secure_channel_configuration"]?["sslkeyandcertificate_refs"]?.arrayValue?.compactMap { $0.stringValue.map(AviRef.init) } ?? []
    }

    /// At most two (RSA + EC); empty means the system defaults.
    public var portalCertificateRefs: [AviRef] {
        raw["portal_configuration"]?["sslkeyandcertificate_refs"]?.arrayValue?.compactMap { $0.stringValue.map(AviRef.init) } ?? []
    }

    /// Present only on 18.2.5–21.1 controllers.
    public var hasBypassFlag: Bool { raw["secure_channel_configuration"]?["bypass_secure_channel_must_checks"] != nil }

    /// This configuration with the secure channel pointed at `ref` (nil = the default).
    public func withSecureChannel(ref: String?, bypassMustChecks: Bool? = nil) -> SystemConfiguration {
        var copy = raw
        var block = copy["secure_channel_configuration"] ?? .object([:])
        block["sslkeyandcertificate_refs"] = .array(ref.map { [.string($0)] } ?? [])
        if let bypassMustChecks { block["bypass_secure_channel_must_checks"] = .bool(bypassMustChecks) }
        copy["secure_channel_configuration"] = block
        return SystemConfiguration(raw: copy)
    }
}

import Foundation

/// Light reads for a one-line summary of a cluster (the fleet screen): projections with
/// `fields=`, counts with `page_size=1`, and a sorted first page instead of whole collections
/// (REFERENCE.md §2.3). Each costs one request, or one per 200 SEs / mappings.
extension AviClient {
    /// Every SE with only its name and runtime (`oper_status`, `se_connected`), across tenants.
    public func serviceEngineStates() async throws -> CollectionResult<ServiceEngine> {
        try await session.collection(ServiceEngine.self, "/api/serviceengine",
                                     query: [URLQueryItem(name: "join_subresources", value: "runtime"),
                                             URLQueryItem(name: "fields", value: "name")], tenant: "*")
    }

    /// Every secure-channel mapping with only what a count by status needs.
    public func secureChannelStatuses() async throws -> CollectionResult<SecureChannelMapping> {
        try await session.collection(SecureChannelMapping.self, "/api/securechannelmapping",
                                     query: [URLQueryItem(name: "fields", value: "status,is_controller,marked_for_delete")], tenant: "*")
    }

    /// The `limit` certificates that expire first (expired ones first), name and dates only:
    /// one request with `sort=certificate.not_after`, whatever the number of certificates.
    public func soonestCertificates(limit: Int = 3) async throws -> CollectionResult<SSLKeyAndCertificate> {
        try await session.collection(SSLKeyAndCertificate.self, "/api/sslkeyandcertificate",
                                     query: [URLQueryItem(name: "sort", value: "certificate.not_after"),
                                             URLQueryItem(name: "fields", value: "name,certificate.not_after,certificate.not_before")],
                                     tenant: "*", limit: limit)
    }

    /// One certificate by uuid or exact name, name and dates only (nil when none has that name).
    public func certificateDates(uuid: String?, name: String?) async throws -> SSLKeyAndCertificate? {
        let fields = URLQueryItem(name: "fields", value: "name,certificate.not_after,certificate.not_before")
        if let uuid {
            return try await session.object(SSLKeyAndCertificate.self, "/api/sslkeyandcertificate/\(uuid)", query: [fields], tenant: "*")
        }
        guard let name else { return nil }
        return try await session.collection(SSLKeyAndCertificate.self, "/api/sslkeyandcertificate",
                                            query: [URLQueryItem(name: "name", value: name), fields], tenant: "*", limit: 1).items.first
    }

    /// How many alerts of `level` exist (`ALERT_HIGH`), from the envelope's `count` of a one-object page.
    public func alertCount(level: AlertLevel) async throws -> Int {
        try await session.collection(Alert.self, "/api/alert",
                                     query: [URLQueryItem(name: "level", value: level.rawValue),
                                             URLQueryItem(name: "fields", value: "level")], tenant: "*", limit: 1).count
    }
}

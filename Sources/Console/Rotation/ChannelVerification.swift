import AviAPI
import Foundation

/// `rotate --verify-only` (and the wizard's "verify only"): no change, only step 7's judgement of
/// the secure channel as it is — for a change made elsewhere (SDDC Manager, Ansible, the web UI).
public struct ChannelVerification: Sendable {
    /// The certificate the secure channel uses now, by name.
    public let certificateName: String
    public let refs: [String]
    public let watch: MappingWatch

    /// Every mapping authenticated, for at least six heartbeats.
    public var healthy: Bool { watch.settledCleanly }

    public var lines: [String] {
        [
            "secure channel uses \(SafeText.sanitize(certificateName))" + (refs.isEmpty ? " (empty list = the default)" : " \(refs.map(SafeText.sanitize).joined(separator: ", "))"),
            "\(healthy ? "ok  " : "FAIL") secure-channel mappings \(SafeText.sanitize(watch.summary))",
        ]
    }
}

extension RotationExecutor {
    /// Watches every mapping (not marked for delete) for at least six heartbeats, changing nothing.
    public func verifyOnly(settleTimeout: TimeInterval, shouldStop: @Sendable () -> Bool = { false },
                           progress: @Sendable (MappingProgress) -> Void = { _ in }) async throws -> ChannelVerification {
        let configuration = try await client.systemConfiguration()
        let refs = configuration.secureChannelCertificateRefs
        var name = RotationContext.defaultCertificateName
        if let ref = refs.first {
            if let uuid = ref.uuid, let certificate = try? await client.certificate(uuid: uuid) { name = certificate.name }
            else { name = ref.name ?? ref.uuid ?? ref.raw }
        }
        let engines = (try? await client.serviceEngines().items) ?? []
        let names = Dictionary(engines.map { ($0.uuid, $0.name) }, uniquingKeysWith: { first, _ in first })
        let watch = await watchMappings(timeout: settleTimeout, baseline: nil, names: names, shouldStop: shouldStop, progress: progress)
        return ChannelVerification(certificateName: name, refs: refs.map(\.raw), watch: watch)
    }
}

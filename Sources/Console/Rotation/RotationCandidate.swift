import AviAPI
import Foundation

/// An existing certificate as a possible new secure-channel certificate (rotation step 2):
/// usable, or shown greyed with every reason it is not.
public struct RotationCandidate: Sendable {
    public let certificate: SSLKeyAndCertificate
    public let problems: [String]
    /// Usable, but worth a second look (expiring soon).
    public let warnings: [String]

    public var isUsable: Bool { problems.isEmpty }
    public var name: String { certificate.name }

    public init(_ certificate: SSLKeyAndCertificate, inUseUUID: String?, now: Date) {
        self.certificate = certificate
        var problems: [String] = []
        var warnings: [String] = []
        if certificate.isSystemDefault {
            problems.append("a System-Default object — avitui only returns to the default, it never rotates onto one")
        }
        if certificate.uuid == inUseUUID { problems.append("the secure channel already uses it") }
        if certificate.type == .ca { problems.append("a CA certificate, not a certificate with its own key") }
        if !certificate.hasKey { problems.append("the controller holds no private key for it") }
        if certificate.status == "SSL_CERTIFICATE_PENDING" { problems.append("a signing request still waiting for its certificate") }
        if let tenant = certificate.tenantRef, let uuid = tenant.uuid, uuid != "admin" {
            problems.append("it belongs to tenant \(tenant.name ?? uuid); the system configuration uses admin objects")
        }
        if let params = certificate.keyParams, params.algorithm == "SSL_KEY_ALGORITHM_RSA",
           let size = params.rsaParams?.keySize, size == "SSL_KEY_1024_BITS" {
            problems.append("RSA 1024 is too weak")
        }
        if let notBefore = certificate.notBefore, notBefore > now { problems.append("not valid before \(AviDate.rfc3339(notBefore))") }
        if let days = certificate.daysLeft(now: now) {
            let left = certificate.notAfter.map { $0.timeIntervalSince(now) } ?? 0
            if days < 0 { problems.append("expired \(RotationText.remaining(-left)) ago") }
            else if left < Double(LocalValidation.criticalDays) * 86_400 {
                problems.append("expires in \(RotationText.remaining(left)) — inside the critical \(LocalValidation.criticalDays) days")
            } else if days < LocalValidation.warningDays { warnings.append("expires in \(days) days") }
        } else {
            problems.append("its expiry date is unknown")
        }
        self.problems = problems
        self.warnings = warnings
    }

    /// Usable candidates first (soonest-expiring last), then the others; each group by name.
    public static func list(_ certificates: [SSLKeyAndCertificate], inUseUUID: String?, now: Date) -> [RotationCandidate] {
        certificates.map { RotationCandidate($0, inUseUUID: inUseUUID, now: now) }
            .sorted { lhs, rhs in
                if lhs.isUsable != rhs.isUsable { return lhs.isUsable }
                return lhs.name.localizedStandardCompare(rhs.name) == .orderedAscending
            }
    }
}

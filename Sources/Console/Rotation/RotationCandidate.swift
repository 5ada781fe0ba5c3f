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
    /// Virtual services (and the portal) that use it, from the context.
    public var usedBy: [String] = []
    /// Lower-cased name, subject, issuer and users, matched by the wizard's search.
    public var searchText: String {
        ([name, certificate.certificate?.subject?.distinguishedName ?? "", certificate.certificate?.issuer?.distinguishedName ?? ""] + usedBy)
            .joined(separator: " ").lowercased()
    }
    /// Rank for "best first": usable, then right key usage and strength, then the longest validity.
    public var rank: (Int, Int, Double) {
        let usable = isUsable ? 0 : 1
        let warned = warnings.isEmpty ? 0 : 1
        return (usable, warned, -(certificate.notAfter?.timeIntervalSince1970 ?? 0))
    }

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
            } else if days < LocalValidation.warningDays { warnings.append("expires in \(RotationText.remaining(left))") }
        } else {
            problems.append("its expiry date is unknown")
        }
        self.problems = problems
        self.warnings = warnings
    }

    /// Best candidates first: usable ones without warnings, longest validity first; then usable
    /// ones with warnings; then the others. Names break ties. Computed once per context.
    public static func list(_ certificates: [SSLKeyAndCertificate], inUseUUID: String?, now: Date,
                            usedBy: [String: [String]] = [:]) -> [RotationCandidate] {
        certificates.map { certificate in
            var candidate = RotationCandidate(certificate, inUseUUID: inUseUUID, now: now)
            candidate.usedBy = usedBy[certificate.uuid] ?? []
            return candidate
        }
        .sorted { lhs, rhs in
            let (a, b) = (lhs.rank, rhs.rank)
            if a != b { return a < b }
            return lhs.name < rhs.name
        }
    }
}

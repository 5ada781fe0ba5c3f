import AviAPI
import Foundation

/// One certificate as the console shows it, with everything derived.
public struct CertificateRow: Sendable {
    public var certificate: SSLKeyAndCertificate
    public var daysLeft: Int?
    public var bucket: ExpiryBucket
    public var usedFor: [String]
    /// `not_before` is still ahead: shown and checked as a problem, whatever the days left.
    public var notYetValid: Bool

    public init(_ certificate: SSLKeyAndCertificate, usage: CertificateUsage, now: Date) {
        self.certificate = certificate
        daysLeft = certificate.daysLeft(now: now)
        notYetValid = certificate.isNotYetValid(now: now)
        bucket = ExpiryBucket(daysLeft: daysLeft)
        usedFor = usage.usedFor(certificate)
    }

    public var name: String { certificate.name }
    public var commonName: String { certificate.certificate?.subject?.commonName ?? "" }
    public var issuer: String { certificate.certificate?.issuer?.commonName ?? certificate.certificate?.issuer?.distinguishedName ?? "" }
}

import Foundation

/// One certificate of the chain that comes with an imported leaf.
public struct ChainCertificate: Sendable {
    public let facts: CertificateFacts
    public let pem: String
    /// It signed the certificate before it in the chain (the leaf for the first one).
    public let signsPrevious: Bool
}

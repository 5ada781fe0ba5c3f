import AviAPI

/// Where the secure channel is to point after the rotation.
public enum RotationTarget: Sendable {
    /// A certificate that exists on the controller, with its key.
    case existing(SSLKeyAndCertificate)
    /// Back to `System-Default-Secure-Channel-Cert` (a rollback). The object itself is only referred to, never written.
    case systemDefault(SSLKeyAndCertificate)
    /// A certificate imported from PEM files, created first under a new name.
    case importing(CertificateImport)

    public var name: String {
        switch self {
        case let .existing(certificate), let .systemDefault(certificate): return certificate.name
        case let .importing(material): return material.name
        }
    }

    public var isImport: Bool { if case .importing = self { return true } else { return false } }
}

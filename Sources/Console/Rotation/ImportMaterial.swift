import Foundation

/// The files an operator gives to import a certificate (rotation step 2). Texts, not paths:
/// reading files is the caller's business; `…Source` names them in messages.
public struct ImportMaterial: Sendable {
    public var certificatePEM: String
    public var keyPEM: String
    public var chainPEM: String?
    /// Only for an encrypted key; never stored, logged or sent.
    public var passphrase: String?
    public var certificateSource: String
    public var keySource: String
    public var chainSource: String

    public init(certificatePEM: String, keyPEM: String, chainPEM: String? = nil, passphrase: String? = nil,
                certificateSource: String = "the certificate", keySource: String = "the key", chainSource: String = "the chain") {
        self.certificatePEM = certificatePEM
        self.keyPEM = keyPEM
        self.chainPEM = chainPEM
        self.passphrase = passphrase
        self.certificateSource = certificateSource
        self.keySource = keySource
        self.chainSource = chainSource
    }
}

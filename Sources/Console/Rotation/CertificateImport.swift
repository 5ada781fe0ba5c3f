import AviAPI
import Foundation
import SwiftASN1
import X509

/// A certificate read and checked locally, ready to be created under a new name.
/// It holds the private key: it has no description and is never printed whole.
public struct CertificateImport: Sendable {
    public let name: String
    public let leaf: CertificateFacts
    public let leafPEM: String
    public let chain: [ChainCertificate]
    public let key: LoadedPrivateKey
    public let keyMatches: Bool

    /// Reads the files; throws only when something cannot be read at all (a mismatched key
    /// or an expired certificate is for validation to report, all at once).
    public init(_ material: ImportMaterial, name: String) throws {
        let certificates = try CertificateFacts.parseAll(pem: material.certificatePEM, source: material.certificateSource)
        var chainParsed = Array(certificates.dropFirst())
        if let chainPEM = material.chainPEM, !chainPEM.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            chainParsed += try CertificateFacts.parseAll(pem: chainPEM, source: material.chainSource)
        }
        let leaf = certificates[0]
        self.name = name
        self.leaf = CertificateFacts(leaf.certificate, der: leaf.der)
        self.leafPEM = Self.pem(leaf.der)
        var previous = leaf.certificate
        var chain: [ChainCertificate] = []
        for item in chainParsed {
            let signs = item.certificate.subject == previous.issuer
                && item.certificate.publicKey.isValidSignature(previous.signature, for: previous)
            chain.append(ChainCertificate(facts: CertificateFacts(item.certificate, der: item.der), pem: Self.pem(item.der), signsPrevious: signs))
            previous = item.certificate
        }
        self.chain = chain
        self.key = try PrivateKeyLoader.load(pem: material.keyPEM, passphrase: material.passphrase, source: material.keySource)
        self.keyMatches = key.key.publicKey == leaf.certificate.publicKey
    }

    /// `POST /api/sslkeyandcertificate` for the leaf: a system certificate from PEM, with its key.
    public var requestBody: JSONValue {
        .object([
            "name": .string(name),
            "type": .string(CertificateType.system.rawValue),
            "format": .string("SSL_PEM"),
            "certificate": .object(["certificate": .string(leafPEM)]),
            "key": .string(key.pemForUpload),
        ])
    }

    /// Chain certificates are created as CA objects, as the controller models intermediates;
    /// the controller links them to the leaf by issuer.
    public func chainRequestBodies() -> [(name: String, body: JSONValue)] {
        chain.enumerated().map { index, item in
            let chainName = "\(name)-ca-\(index + 1)"
            return (chainName, .object([
                "name": .string(chainName),
                "type": .string(CertificateType.ca.rawValue),
                "format": .string("SSL_PEM"),
                "certificate": .object(["certificate": .string(item.pem)]),
            ]))
        }
    }

    static func pem(_ der: [UInt8]) -> String {
        PEMDocument(type: "CERTIFICATE", derBytes: der).pemString + "\n"
    }

    /// A name for the new object when the operator gives none: `secure-channel-<CN>-<YYYYMMDD>`.
    public static func suggestedName(for facts: CertificateFacts, now: Date, taken: Set<String>) -> String {
        let cn = (facts.commonName ?? "cert").map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "-" }
        let day = AviDate.rfc3339(now).prefix(10).replacingOccurrences(of: "-", with: "")
        let base = "secure-channel-\(String(cn).prefix(40))-\(day)"
        var name = base
        var suffix = 2
        while taken.contains(name) {
            name = "\(base)-\(suffix)"
            suffix += 1
        }
        return name
    }
}

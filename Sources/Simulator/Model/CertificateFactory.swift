import Crypto
import _CryptoExtras
import Foundation
import SwiftASN1
import X509

/// A few private keys of each kind, created once per run: certificate bytes
/// are then just a signature away, so 5,000 certificates cost little.
final class KeyPool: Sendable {
    let rsa: [Certificate.PrivateKey]
    let p256: [Certificate.PrivateKey]
    let p384: [Certificate.PrivateKey]

    /// Public-key PEMs, computed once per key rather than once per certificate.
    private let publicKeyPEMs: [String: String]

    init() throws {
        rsa = try (0..<2).map { _ in Certificate.PrivateKey(try _RSA.Signing.PrivateKey(keySize: .bits2048)) }
        p256 = (0..<4).map { _ in Certificate.PrivateKey(P256.Signing.PrivateKey()) }
        p384 = (0..<2).map { _ in Certificate.PrivateKey(P384.Signing.PrivateKey()) }
        var pems: [String: String] = [:]
        for (kind, keys) in [(KeyKind.rsa2048, rsa), (.ecP256, p256), (.ecP384, p384)] {
            for (slot, key) in keys.enumerated() {
                pems["\(kind.rawValue)/\(slot)"] = try key.publicKey.serializeAsPEM().pemString + "\n"
            }
        }
        publicKeyPEMs = pems
    }

    func publicKeyPEM(_ kind: KeyKind, slot: Int) -> String {
        let count = kind == .rsa2048 ? rsa.count : (kind == .ecP256 ? p256.count : p384.count)
        return publicKeyPEMs["\(kind.rawValue)/\(abs(slot) % count)"] ?? ""
    }

    func key(_ kind: KeyKind, slot: Int) -> Certificate.PrivateKey {
        let keys: [Certificate.PrivateKey]
        switch kind {
        case .rsa2048: keys = rsa
        case .ecP256: keys = p256
        case .ecP384: keys = p384
        }
        return keys[abs(slot) % keys.count]
    }
}

/// Turns a `CertSpec` into real, parseable certificate bytes.
enum CertificateFactory {
    static func make(_ spec: CertSpec, keys: KeyPool) throws -> CertMaterial {
        let subjectKey = keys.key(spec.keyKind, slot: spec.keySlot)
        let issuerKey = keys.key(spec.issuerKeyKind, slot: spec.issuerKeySlot)
        let publicKey = subjectKey.publicKey
        let signature: Certificate.SignatureAlgorithm
        switch spec.issuerKeyKind {
        case .rsa2048: signature = .sha256WithRSAEncryption
        case .ecP256: signature = .ecdsaWithSHA256
        case .ecP384: signature = .ecdsaWithSHA384
        }
        let extensions: Certificate.Extensions
        if spec.isCA {
            extensions = try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            }
        } else {
            let sans = spec.subjectAltNames.map { name -> GeneralName in
                if let octets = IPv4.octets(name) {
                    return .ipAddress(ASN1OctetString(contentBytes: ArraySlice(octets)))
                }
                return .dnsName(name)
            }
            extensions = try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                try ExtendedKeyUsage([.serverAuth])
                if !sans.isEmpty {
                    SubjectAlternativeNames(sans)
                }
            }
        }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(bytes: spec.serial),
            publicKey: publicKey,
            notValidBefore: spec.notBefore,
            notValidAfter: spec.notAfter,
            issuer: try distinguishedName(spec.issuer),
            subject: try distinguishedName(spec.subject),
            signatureAlgorithm: signature,
            extensions: extensions,
            issuerPrivateKey: issuerKey
        )
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        let der = serializer.serializedBytes
        // Read the dates back from the bytes: the encoding has whole seconds, the spec may not.
        let encoded = try Certificate(derEncoded: der)
        return CertMaterial(
            pem: PEMDocument(type: "CERTIFICATE", derBytes: der).pemString + "\n",
            sha1Fingerprint: FingerprintFormat.sha1Line(Insecure.SHA1.hash(data: der)),
            publicKeyPEM: keys.publicKeyPEM(spec.keyKind, slot: spec.keySlot),
            notBefore: encoded.notValidBefore, notAfter: encoded.notValidAfter
        )
    }

    static func distinguishedName(_ fields: DNFields) throws -> DistinguishedName {
        var attributes: [RelativeDistinguishedName.Attribute] = []
        let ordered: [(ASN1ObjectIdentifier, String)] = [
            (.RDNAttributeType.countryName, fields.country),
            (.RDNAttributeType.stateOrProvinceName, fields.state),
            (.RDNAttributeType.localityName, fields.locality),
            (.RDNAttributeType.organizationName, fields.organization),
            (.RDNAttributeType.organizationalUnitName, fields.organizationUnit),
            (.RDNAttributeType.commonName, fields.commonName),
        ]
        for (type, value) in ordered where !value.isEmpty {
            if type == .RDNAttributeType.countryName {
                attributes.append(try .init(type: type, printableString: value))
            } else {
                attributes.append(.init(type: type, utf8String: value))
            }
        }
        return try DistinguishedName(attributes)
    }
}

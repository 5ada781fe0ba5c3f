import Crypto
import Foundation
import SwiftASN1
import X509

/// The simulator's own HTTPS identity: a fresh root CA and a leaf for
/// 127.0.0.1/localhost, generated at every start.
struct TLSIdentity: Sendable {
    let caPEM: String
    let leafPEM: String
    let leafKeyPEM: String
    /// `sha256//BASE64` of the leaf's SubjectPublicKeyInfo (libcurl pin format).
    let publicKeyPin: String

    static func generate(host: String, now: Date = Date()) throws -> TLSIdentity {
        try generate(host: host, caKey: P256.Signing.PrivateKey(), now: now)
    }

    /// A leaf for `host` under the CA whose key is `caKey` (a state directory keeps that key,
    /// so a restarted simulator is still trusted by the `ca.pem` clients already hold).
    static func generate(host: String, caKey: P256.Signing.PrivateKey, now: Date = Date()) throws -> TLSIdentity {
        let leafKey = P256.Signing.PrivateKey()
        // A unique CN per run: libcurl/OpenSSL fail oddly when a trusted CA has
        // the same subject as another issuer with a different key (notes §2).
        // Derived from the CA key, so the same key always makes the same subject.
        let suffix = String(Data(SHA256.hash(data: caKey.publicKey.derRepresentation)).map { String(format: "%02x", $0) }.joined().prefix(10))
        let caName = try DistinguishedName {
            OrganizationName("avitui simulator")
            CommonName("avitui-sim-root-\(suffix)")
        }
        let leafName = try DistinguishedName {
            OrganizationName("avitui simulator")
            CommonName("localhost")
        }
        let caPublic = Certificate.PublicKey(caKey.publicKey)
        let ca = try Certificate(
            version: .v3,
            serialNumber: .init(),
            publicKey: caPublic,
            notValidBefore: now.addingTimeInterval(-3600),
            notValidAfter: now.addingTimeInterval(365 * 86400),
            issuer: caName,
            subject: caName,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: caPublic)
            },
            issuerPrivateKey: .init(caKey)
        )
        var sans: [GeneralName] = [.dnsName("localhost"), .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))]
        if let octets = IPv4.octets(host), octets != [127, 0, 0, 1] {
            sans.append(.ipAddress(ASN1OctetString(contentBytes: ArraySlice(octets))))
        } else if IPv4.octets(host) == nil, host != "localhost" {
            sans.append(.dnsName(host))
        }
        let leafPublic = Certificate.PublicKey(leafKey.publicKey)
        let leaf = try Certificate(
            version: .v3,
            serialNumber: .init(),
            publicKey: leafPublic,
            notValidBefore: now.addingTimeInterval(-3600),
            notValidAfter: now.addingTimeInterval(90 * 86400),
            issuer: caName,
            subject: leafName,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                try ExtendedKeyUsage([.serverAuth])
                AuthorityKeyIdentifier(keyIdentifier: SubjectKeyIdentifier(hash: caPublic).keyIdentifier)
                SubjectAlternativeNames(sans)
            },
            issuerPrivateKey: .init(caKey)
        )
        var serializer = DER.Serializer()
        try serializer.serialize(leaf.publicKey)
        let pin = "sha256//" + Data(SHA256.hash(data: serializer.serializedBytes)).base64EncodedString()
        return TLSIdentity(
            caPEM: try ca.serializeAsPEM().pemString + "\n",
            leafPEM: try leaf.serializeAsPEM().pemString + "\n",
            leafKeyPEM: leafKey.pemRepresentation,
            publicKeyPin: pin
        )
    }
}

enum IPv4 {
    static func octets(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out: [UInt8] = []
        for part in parts {
            guard let n = UInt8(part) else { return nil }
            out.append(n)
        }
        return out
    }
}

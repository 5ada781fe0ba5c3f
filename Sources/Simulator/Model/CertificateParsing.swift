import Crypto
import _CryptoExtras
import Foundation
import NIOSSL
import SwiftASN1
import X509

/// What the controller derives from an imported PEM certificate.
struct ParsedCertificate: Sendable {
    let pem: String
    let subject: DNFields
    let issuer: DNFields
    let notBefore: Date
    let notAfter: Date
    let subjectAltNames: [String]
    let serialDecimal: String
    let signatureAlgorithm: String
    let selfSigned: Bool
    let isCA: Bool
    let keyParams: JSON
    let keyKind: KeyKind
    let publicKeyPEM: String
    let sha1Fingerprint: String
    let publicKey: Certificate.PublicKey
}

enum CertificateImportError: Error, CustomStringConvertible {
    case invalidCertificate(String)
    case invalidKey(String)
    case keyMismatch

    var description: String {
        switch self {
        case .invalidCertificate(let why): return "Invalid certificate: \(why)"
        case .invalidKey(let why): return "Invalid private key: \(why)"
        case .keyMismatch: return "Private key does not match the certificate"
        }
    }
}

enum CertificateParsing {
    static func parse(pem: String) throws -> ParsedCertificate {
        let documents: [PEMDocument]
        do {
            documents = try PEMDocument.parseMultiple(pemString: pem).filter { $0.discriminator == "CERTIFICATE" }
        } catch {
            throw CertificateImportError.invalidCertificate("not a PEM certificate (\(error))")
        }
        guard let first = documents.first else {
            throw CertificateImportError.invalidCertificate("no CERTIFICATE block found")
        }
        let certificate: Certificate
        do {
            certificate = try Certificate(pemDocument: first)
        } catch {
            throw CertificateImportError.invalidCertificate("\(error)")
        }
        let subject = fields(certificate.subject)
        let issuer = fields(certificate.issuer)
        var sans: [String] = []
        if let names = try? certificate.extensions.subjectAlternativeNames {
            for name in names {
                switch name {
                case .dnsName(let dns): sans.append(dns)
                case .ipAddress(let ip): sans.append(ip.bytes.map(String.init).joined(separator: "."))
                case .rfc822Name(let mail): sans.append(mail)
                case .uniformResourceIdentifier(let uri): sans.append(uri)
                default: break
                }
            }
        }
        let isCA: Bool
        if let constraints = try? certificate.extensions.basicConstraints, case .isCertificateAuthority = constraints {
            isCA = true
        } else {
            isCA = false
        }
        let (kind, params) = keyDescription(certificate.publicKey)
        let signatureName: String
        switch certificate.signatureAlgorithm {
        case .sha256WithRSAEncryption: signatureName = "sha256WithRSAEncryption"
        case .sha384WithRSAEncryption: signatureName = "sha384WithRSAEncryption"
        case .sha512WithRSAEncryption: signatureName = "sha512WithRSAEncryption"
        case .sha1WithRSAEncryption: signatureName = "sha1WithRSAEncryption"
        case .ecdsaWithSHA256: signatureName = "ecdsa-with-SHA256"
        case .ecdsaWithSHA384: signatureName = "ecdsa-with-SHA384"
        case .ecdsaWithSHA512: signatureName = "ecdsa-with-SHA512"
        case .ed25519: signatureName = "ED25519"
        default: signatureName = "\(certificate.signatureAlgorithm)"
        }
        return ParsedCertificate(
            pem: first.pemString + "\n",
            subject: subject,
            issuer: issuer,
            notBefore: certificate.notValidBefore,
            notAfter: certificate.notValidAfter,
            subjectAltNames: sans,
            serialDecimal: BigDecimal.string(fromBigEndian: Array(certificate.serialNumber.bytes)),
            signatureAlgorithm: signatureName,
            selfSigned: certificate.subject == certificate.issuer,
            isCA: isCA,
            keyParams: params,
            keyKind: kind,
            publicKeyPEM: (try? certificate.publicKey.serializeAsPEM().pemString + "\n") ?? "",
            sha1Fingerprint: FingerprintFormat.sha1Line(Insecure.SHA1.hash(data: first.derBytes)),
            publicKey: certificate.publicKey
        )
    }

    /// Parses a private key (optionally encrypted) and checks it matches.
    static func checkKey(pem: String, passphrase: String?, matches publicKey: Certificate.PublicKey) throws {
        let key: Certificate.PrivateKey
        if pem.contains("ENCRYPTED") {
            // swift-certificates cannot decrypt; NIOSSL's BoringSSL can. Always
            // pass a callback so BoringSSL never prompts on stdin.
            let pass = Array((passphrase ?? "").utf8)
            do {
                let nioKey = try NIOSSLPrivateKey(bytes: Array(pem.utf8), format: .pem) { setter in setter(pass) }
                let der = try nioKey.derBytes
                if let rsa = try? _RSA.Signing.PrivateKey(derRepresentation: der) {
                    key = Certificate.PrivateKey(rsa)
                } else if let p256 = try? P256.Signing.PrivateKey(derRepresentation: der) {
                    key = Certificate.PrivateKey(p256)
                } else {
                    key = Certificate.PrivateKey(try P384.Signing.PrivateKey(derRepresentation: der))
                }
            } catch {
                throw CertificateImportError.invalidKey("cannot decrypt the key with the given passphrase")
            }
        } else {
            do {
                key = try Certificate.PrivateKey(pemEncoded: pem)
            } catch {
                throw CertificateImportError.invalidKey("\(error)")
            }
        }
        guard key.publicKey == publicKey else { throw CertificateImportError.keyMismatch }
    }

    static func keyDescription(_ key: Certificate.PublicKey) -> (KeyKind, JSON) {
        if P256.Signing.PublicKey(key) != nil { return (.ecP256, KeyKind.ecP256.keyParams) }
        if P384.Signing.PublicKey(key) != nil { return (.ecP384, KeyKind.ecP384.keyParams) }
        if P521.Signing.PublicKey(key) != nil {
            return (.ecP384, .obj([
                "algorithm": .string("SSL_KEY_ALGORITHM_EC"),
                "ec_params": .obj(["curve": .string("SSL_KEY_EC_CURVE_SECP521R1")]),
            ]))
        }
        if let rsa = _RSA.Signing.PublicKey(key) {
            let bits = rsa.keySizeInBits
            return (.rsa2048, .obj([
                "algorithm": .string("SSL_KEY_ALGORITHM_RSA"),
                "rsa_params": .obj(["key_size": .string("SSL_KEY_\(bits)_BITS"), "exponent": .num(65537)]),
            ]))
        }
        return (.ecP256, KeyKind.ecP256.keyParams)
    }

    static func fields(_ name: DistinguishedName) -> DNFields {
        var out = DNFields(commonName: "")
        for rdn in name {
            for attribute in rdn {
                let value = String(attribute.value) ?? "\(attribute.value)"
                switch attribute.type {
                case .RDNAttributeType.commonName: out.commonName = value
                case .RDNAttributeType.organizationName: out.organization = value
                case .RDNAttributeType.organizationalUnitName: out.organizationUnit = value
                case .RDNAttributeType.localityName: out.locality = value
                case .RDNAttributeType.stateOrProvinceName: out.state = value
                case .RDNAttributeType.countryName: out.country = value
                case .RDNAttributeType.emailAddress: out.emailAddress = value
                default: break
                }
            }
        }
        return out
    }
}

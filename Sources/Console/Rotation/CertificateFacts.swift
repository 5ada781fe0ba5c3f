import AviAPI
import Crypto
import _CryptoExtras
import Foundation
import NIOSSL
import SwiftASN1
import X509

/// What avitui reads from a PEM certificate by itself, before the controller sees it:
/// the facts local validation (rotation step 3) is made of.
public struct CertificateFacts: Sendable, Equatable {
    public var subject: String
    public var commonName: String?
    public var issuer: String
    public var notBefore: Date
    public var notAfter: Date
    public var key: KeyDescription
    /// `AB:CD:…` — SHA-256 of the DER, as `openssl x509 -fingerprint -sha256` prints it.
    public var sha256Fingerprint: String
    public var isCertificateAuthority: Bool
    public var selfSigned: Bool
    /// Nil when the certificate has no key-usage extension (any use allowed).
    public var keyUsage: [String]?
    /// Nil when the certificate has no extended-key-usage extension (any purpose allowed).
    public var extendedKeyUsage: [String]?
    public var allowsDigitalSignature: Bool
    public var allowsKeyEncipherment: Bool
    public var allowsServerAuth: Bool
    public var allowsClientAuth: Bool
    public var usesSHA1Signature: Bool

    /// Whole days left at `now` (negative once expired).
    public func daysLeft(now: Date) -> Int { AviDate.daysLeft(until: notAfter, now: now) }
}

/// The kind and strength of a key.
public enum KeyDescription: Sendable, Equatable, CustomStringConvertible {
    case rsa(bits: Int)
    case ecP256
    case ecP384
    case ecP521
    case other(String)

    public var description: String {
        switch self {
        case let .rsa(bits): return "RSA \(bits)"
        case .ecP256: return "EC P-256"
        case .ecP384: return "EC P-384"
        case .ecP521: return "EC P-521"
        case let .other(name): return name
        }
    }

    /// RSA 2048 and up, EC P-256 and P-384: what the secure channel is documented with.
    public var isAcceptable: Bool {
        switch self {
        case let .rsa(bits): return bits >= 2048
        case .ecP256, .ecP384: return true
        case .ecP521, .other: return false
        }
    }

    init(_ key: Certificate.PublicKey) {
        if P256.Signing.PublicKey(key) != nil { self = .ecP256 }
        else if P384.Signing.PublicKey(key) != nil { self = .ecP384 }
        else if P521.Signing.PublicKey(key) != nil { self = .ecP521 }
        else if let rsa = _RSA.Signing.PublicKey(key) { self = .rsa(bits: rsa.keySizeInBits) }
        else { self = .other("an unsupported key type") }
    }
}

/// Why a PEM certificate could not be read.
public enum CertificateReadError: Error, Sendable, Equatable, CustomStringConvertible {
    case noCertificate(source: String)
    case unreadable(source: String, detail: String)
    case unsupportedKey(source: String)

    public var description: String {
        switch self {
        case let .noCertificate(source): return "\(source) holds no PEM certificate (no -----BEGIN CERTIFICATE----- block)"
        case let .unreadable(source, detail): return "\(source) is not a valid certificate: \(detail)"
        case let .unsupportedKey(source):
            return "\(source) is a certificate whose public key is not supported — use RSA 2048 bits or more, or EC P-256/P-384"
        }
    }
}

extension CertificateFacts {
    /// Every certificate in a PEM text, in order (a leaf followed by its chain, or a chain file).
    public static func parseAll(pem: String, source: String) throws -> [(certificate: Certificate, der: [UInt8])] {
        let documents: [PEMDocument]
        do {
            documents = try PEMDocument.parseMultiple(pemString: pem).filter { $0.discriminator == "CERTIFICATE" }
        } catch {
            throw CertificateReadError.unreadable(source: source, detail: "the PEM text is damaged")
        }
        guard !documents.isEmpty else { throw CertificateReadError.noCertificate(source: source) }
        return try documents.map { document in
            do {
                return (try Certificate(pemDocument: document), document.derBytes)
            } catch {
                // swift-crypto refuses RSA keys under 2048 bits while parsing; BoringSSL still reads them,
                // which tells a weak key apart from a damaged certificate.
                if (try? NIOSSLCertificate(bytes: document.derBytes, format: .der)) != nil {
                    throw CertificateReadError.unsupportedKey(source: source)
                }
                throw CertificateReadError.unreadable(source: source, detail: "\(error)")
            }
        }
    }

    public init(_ certificate: Certificate, der: [UInt8]) {
        subject = certificate.subject.description
        commonName = certificate.subject.lazy.flatMap { $0 }.first { $0.type == .RDNAttributeType.commonName }.flatMap { String($0.value) }
        issuer = certificate.issuer.description
        notBefore = certificate.notValidBefore
        notAfter = certificate.notValidAfter
        key = KeyDescription(certificate.publicKey)
        sha256Fingerprint = Self.colonHex(Array(SHA256.hash(data: der)))
        selfSigned = certificate.subject == certificate.issuer
        if let constraints = try? certificate.extensions.basicConstraints, case .isCertificateAuthority = constraints {
            isCertificateAuthority = true
        } else {
            isCertificateAuthority = false
        }
        if let usage = try? certificate.extensions.keyUsage {
            var names: [String] = []
            if usage.digitalSignature { names.append("digitalSignature") }
            if usage.keyEncipherment { names.append("keyEncipherment") }
            if usage.keyAgreement { names.append("keyAgreement") }
            if usage.keyCertSign { names.append("keyCertSign") }
            if usage.cRLSign { names.append("cRLSign") }
            keyUsage = names
            allowsDigitalSignature = usage.digitalSignature
            allowsKeyEncipherment = usage.keyEncipherment
        } else {
            keyUsage = nil
            allowsDigitalSignature = true
            allowsKeyEncipherment = true
        }
        if let extended = try? certificate.extensions.extendedKeyUsage {
            let any = extended.contains(.any)
            allowsServerAuth = any || extended.contains(.serverAuth)
            allowsClientAuth = any || extended.contains(.clientAuth)
            extendedKeyUsage = extended.map { usage in
                switch usage {
                case .serverAuth: return "serverAuth"
                case .clientAuth: return "clientAuth"
                case .any: return "any"
                default: return "\(usage)"
                }
            }
        } else {
            extendedKeyUsage = nil
            allowsServerAuth = true
            allowsClientAuth = true
        }
        usesSHA1Signature = certificate.signatureAlgorithm == .sha1WithRSAEncryption
    }

    static func colonHex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02X", $0) }.joined(separator: ":")
    }
}

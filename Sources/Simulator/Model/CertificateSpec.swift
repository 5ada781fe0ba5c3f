import Foundation

/// Subject/issuer fields as the controller describes them (SSLCertificateDescription).
struct DNFields: Sendable, Equatable {
    var commonName: String
    var organization = ""
    var organizationUnit = ""
    var locality = ""
    var state = ""
    var country = ""
    var emailAddress = ""

    /// OpenSSL one-line order, e.g. `C=US, ST=CA, L=San Francisco, O=IT, CN=app2-cert`.
    var distinguishedName: String {
        let pairs: [(String, String)] = [
            ("C", country), ("ST", state), ("L", locality), ("O", organization),
            ("OU", organizationUnit), ("CN", commonName), ("emailAddress", emailAddress),
        ]
        return pairs.filter { !$0.1.isEmpty }.map { "\($0.0)=\($0.1)" }.joined(separator: ", ")
    }

    var json: JSON {
        var members: [JSON.Member] = [JSON.Member(key: "common_name", value: .string(commonName))]
        let optional: [(String, String)] = [
            ("organization", organization), ("organization_unit", organizationUnit), ("locality", locality),
            ("state", state), ("country", country), ("email_address", emailAddress),
        ]
        for (key, value) in optional where !value.isEmpty {
            members.append(JSON.Member(key: key, value: .string(value)))
        }
        members.append(JSON.Member(key: "distinguished_name", value: .string(distinguishedName)))
        return .object(members)
    }
}

/// The kinds of key the simulator signs with; a small pool of each is
/// generated at start so thousands of certificates stay cheap.
enum KeyKind: String, Sendable {
    case rsa2048, ecP256, ecP384

    var keyParams: JSON {
        switch self {
        case .rsa2048:
            return .obj([
                "algorithm": .string("SSL_KEY_ALGORITHM_RSA"),
                "rsa_params": .obj(["key_size": .string("SSL_KEY_2048_BITS"), "exponent": .num(65537)]),
            ])
        case .ecP256:
            return .obj([
                "algorithm": .string("SSL_KEY_ALGORITHM_EC"),
                "ec_params": .obj(["curve": .string("SSL_KEY_EC_CURVE_SECP256R1")]),
            ])
        case .ecP384:
            return .obj([
                "algorithm": .string("SSL_KEY_ALGORITHM_EC"),
                "ec_params": .obj(["curve": .string("SSL_KEY_EC_CURVE_SECP384R1")]),
            ])
        }
    }

    /// OpenSSL's name for a signature made with this kind of issuer key.
    var signatureAlgorithmName: String {
        switch self {
        case .rsa2048: return "sha256WithRSAEncryption"
        case .ecP256: return "ecdsa-with-SHA256"
        case .ecP384: return "ecdsa-with-SHA384"
        }
    }
}

/// Everything deterministic about a certificate; the PEM itself (keys and
/// signature) is produced from it by `CertificateFactory`.
struct CertSpec: Sendable {
    var subject: DNFields
    var issuer: DNFields
    var keyKind: KeyKind
    var keySlot: Int
    var issuerKeyKind: KeyKind
    var issuerKeySlot: Int
    var notBefore: Date
    var notAfter: Date
    var subjectAltNames: [String]
    /// Big-endian, positive.
    var serial: [UInt8]
    var isCA: Bool

    var selfSigned: Bool { subject == issuer && keyKind == issuerKeyKind && keySlot == issuerKeySlot }

    var serialDecimal: String { BigDecimal.string(fromBigEndian: serial) }

    /// The spec with its dates cut to whole seconds, as a certificate encodes them: the JSON
    /// written before the PEM exists then already says what the PEM will say.
    var inWholeSeconds: CertSpec {
        var spec = self
        spec.notBefore = Date(timeIntervalSince1970: notBefore.timeIntervalSince1970.rounded(.down))
        spec.notAfter = Date(timeIntervalSince1970: notAfter.timeIntervalSince1970.rounded(.down))
        return spec
    }
}

/// The non-deterministic half of a certificate: its bytes.
struct CertMaterial: Sendable {
    let pem: String
    let sha1Fingerprint: String
    let publicKeyPEM: String
    /// The validity as the DER encodes it (whole seconds): what every reader of the PEM sees,
    /// and therefore what the JSON must say.
    let notBefore: Date
    let notAfter: Date
}

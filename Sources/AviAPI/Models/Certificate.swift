import Foundation

public struct CertificateType: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let virtualService = Self(rawValue: "SSL_CERTIFICATE_TYPE_VIRTUALSERVICE")
    public static let system = Self(rawValue: "SSL_CERTIFICATE_TYPE_SYSTEM")
    public static let ca = Self(rawValue: "SSL_CERTIFICATE_TYPE_CA")
    public static let client = Self(rawValue: "SSL_CERTIFICATE_TYPE_CLIENT")
    public static let secureChannel = Self(rawValue: "SSL_CERTIFICATE_TYPE_SECURE_CHANNEL")
    public static let known: [Self] = [.virtualService, .system, .ca, .client, .secureChannel]
    public var short: String { shortName(droppingPrefix: "SSL_CERTIFICATE_TYPE_") }
}

public struct ExpiryStatus: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let good = Self(rawValue: "SSL_CERTIFICATE_GOOD")
    public static let warning = Self(rawValue: "SSL_CERTIFICATE_EXPIRY_WARNING")
    public static let expired = Self(rawValue: "SSL_CERTIFICATE_EXPIRED")
    public static let known: [Self] = [.good, .warning, .expired]
    public var short: String { shortName(droppingPrefix: "SSL_CERTIFICATE_") }
}

/// `GET /api/sslkeyandcertificate`.
public struct SSLKeyAndCertificate: Codable, Sendable {
    public var uuid: String
    public var name: String
    public var type: CertificateType?
    public var certificate: SSLCertificate?
    /// `"<sensitive>"` when the object holds a key; absent when it does not.
    public var key: String?
    public var keyParams: KeyParams?
    public var status: String?
    public var lastModified: String?
    public var tenantRef: AviRef?

    enum CodingKeys: String, CodingKey {
        case uuid, name, type, certificate, key, keyParams = "key_params", status, lastModified = "_last_modified",
             tenantRef = "tenant_ref"
    }

    /// Only `uuid` is required; a certificate without a name is shown under its uuid.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        uuid = try c.decode(String.self, forKey: .uuid)
        name = c.lenient(String.self, forKey: .name) ?? uuid
        type = c.lenient(CertificateType.self, forKey: .type)
        certificate = c.lenient(SSLCertificate.self, forKey: .certificate)
        key = c.lenient(String.self, forKey: .key)
        keyParams = c.lenient(KeyParams.self, forKey: .keyParams)
        status = c.lenient(String.self, forKey: .status)
        lastModified = c.lenient(String.self, forKey: .lastModified)
        tenantRef = c.lenient(AviRef.self, forKey: .tenantRef)
    }

    public var hasKey: Bool { !(key ?? "").isEmpty }
    public var isSystemDefault: Bool { name.hasPrefix("System-Default-") }
    /// Not-after as a date (the controller's `days_until_expire` is not a countdown).
    public var notAfter: Date? { certificate?.notAfterDate }
    public var notBefore: Date? { certificate?.notBeforeDate }
    public func daysLeft(now: Date) -> Int? { notAfter.map { AviDate.daysLeft(until: $0, now: now) } }
    /// True while `not_before` is still ahead: a certificate nothing can use yet.
    public func isNotYetValid(now: Date) -> Bool { notBefore.map { $0 > now } ?? false }
}

public struct SSLCertificate: Codable, Sendable {
    public var certificate: String?
    /// As the controller writes it (`2026-01-31 12:00:00`); `notBeforeDate` is the same, parsed.
    public var notBefore: String? { didSet { notBeforeDate = notBefore.flatMap(AviDate.parse) } }
    public var notAfter: String? { didSet { notAfterDate = notAfter.flatMap(AviDate.parse) } }
    /// `not_before` and `not_after` parsed once, when decoded or set: lists of 5,000 certificates
    /// are counted and sorted by them, and parsing on every look was a visible part of idle CPU.
    public private(set) var notBeforeDate: Date?
    public private(set) var notAfterDate: Date?
    public var expiryStatus: ExpiryStatus?
    public var daysUntilExpire: Int?
    public var subject: CertificateName?
    public var issuer: CertificateName?
    public var subjectAltNames: [String]?
    public var fingerprint: String?
    public var serialNumber: String?
    public var signatureAlgorithm: String?
    public var selfSigned: Bool?
    public var publicKey: String?

    /// Decoder option: keep the PEM bodies (`certificate`, `public_key`). Bulk reads leave them
    /// out of memory — 5,000 of them are most of an all-day console's footprint — and single
    /// reads (details, rotation) keep them.
    public static let keepBodies = CodingUserInfoKey(rawValue: "avitui.keepCertificateBodies")

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let keep = Self.keepBodies.map { decoder.userInfo[$0] as? Bool ?? false } ?? false
        certificate = keep ? c.lenient(String.self, forKey: .certificate) : nil
        publicKey = keep ? c.lenient(String.self, forKey: .publicKey) : nil
        notBefore = c.lenient(String.self, forKey: .notBefore)
        notAfter = c.lenient(String.self, forKey: .notAfter)
        notBeforeDate = notBefore.flatMap(AviDate.parse)
        notAfterDate = notAfter.flatMap(AviDate.parse)
        expiryStatus = c.lenient(ExpiryStatus.self, forKey: .expiryStatus)
        daysUntilExpire = c.lenient(Int.self, forKey: .daysUntilExpire)
        subject = c.lenient(CertificateName.self, forKey: .subject)
        issuer = c.lenient(CertificateName.self, forKey: .issuer)
        subjectAltNames = c.lenient([String].self, forKey: .subjectAltNames)
        fingerprint = c.lenient(String.self, forKey: .fingerprint)
        serialNumber = c.lenient(String.self, forKey: .serialNumber)
        signatureAlgorithm = c.lenient(String.self, forKey: .signatureAlgorithm)
        selfSigned = c.lenient(Bool.self, forKey: .selfSigned)
    }

    enum CodingKeys: String, CodingKey {
        case certificate, notBefore = "not_before", notAfter = "not_after", expiryStatus = "expiry_status",
             daysUntilExpire = "days_until_expire", subject, issuer, subjectAltNames = "subject_alt_names",
             fingerprint, serialNumber = "serial_number", signatureAlgorithm = "signature_algorithm",
             selfSigned = "self_signed", publicKey = "public_key"
    }
}

public struct CertificateName: Codable, Sendable {
    public var commonName: String?
    public var organization: String?
    public var distinguishedName: String?
    enum CodingKeys: String, CodingKey {
        case commonName = "common_name", organization, distinguishedName = "distinguished_name"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        commonName = c.lenient(String.self, forKey: .commonName)
        organization = c.lenient(String.self, forKey: .organization)
        distinguishedName = c.lenient(String.self, forKey: .distinguishedName)
    }
}

public struct KeyParams: Codable, Sendable {
    public var algorithm: String?
    public var rsaParams: RSAParams?
    public var ecParams: ECParams?
    enum CodingKeys: String, CodingKey { case algorithm, rsaParams = "rsa_params", ecParams = "ec_params" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        algorithm = c.lenient(String.self, forKey: .algorithm)
        rsaParams = c.lenient(RSAParams.self, forKey: .rsaParams)
        ecParams = c.lenient(ECParams.self, forKey: .ecParams)
    }

    public struct RSAParams: Codable, Sendable {
        public var keySize: String?
        enum CodingKeys: String, CodingKey { case keySize = "key_size" }
        public init(from decoder: Decoder) throws {
            keySize = (try? decoder.container(keyedBy: CodingKeys.self))?.lenient(String.self, forKey: .keySize)
        }
    }
    public struct ECParams: Codable, Sendable {
        public var curve: String?
        enum CodingKeys: String, CodingKey { case curve }
        public init(from decoder: Decoder) throws {
            curve = (try? decoder.container(keyedBy: CodingKeys.self))?.lenient(String.self, forKey: .curve)
        }
    }

    /// `RSA 2048`, `EC P-256`, or the raw values.
    public var summary: String {
        if algorithm == "SSL_KEY_ALGORITHM_RSA" {
            let bits = rsaParams?.keySize.map { $0.replacingOccurrences(of: "SSL_KEY_", with: "").replacingOccurrences(of: "_BITS", with: "") }
            return "RSA" + (bits.map { " \($0)" } ?? "")
        }
        if algorithm == "SSL_KEY_ALGORITHM_EC" {
            let curve = ecParams?.curve.map { $0.replacingOccurrences(of: "SSL_KEY_EC_CURVE_", with: "") }
            return "EC" + (curve.map { " \($0)" } ?? "")
        }
        return algorithm ?? ""
    }
}

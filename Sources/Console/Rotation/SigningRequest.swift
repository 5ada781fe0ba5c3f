import AviAPI
import Foundation
import SwiftASN1
import X509

/// The key never leaves the controller (the flow VMware Cloud Foundation uses, REFERENCE.md §8.2):
/// the controller makes the key and a CSR (`POST /api/sslkeyandcertificate` with a subject and
/// `key_params`, no PEM, `self_signed: false`); the object stays `SSL_CERTIFICATE_PENDING`, with
/// `certificate.certificate_signing_request`, until the CA-signed certificate is attached to it
/// (a PUT of that object carrying `certificate.certificate`, with its `_last_modified`). Then it is
/// an ordinary certificate for `rotate --to NAME`. The secure channel is not changed by either step.
public enum SigningRequest {
    /// `CN=…, O=…, OU=…, L=…, ST=…, C=…, emailAddress=…` (or `/CN=…/O=…`) as the controller's
    /// `certificate.subject` object. Throws a line naming what to fix.
    public static func subject(_ dn: String) throws -> JSONValue {
        let keys = ["CN": "common_name", "O": "organization", "OU": "organization_unit", "L": "locality",
                    "ST": "state", "C": "country", "EMAILADDRESS": "email_address", "E": "email_address"]
        let separators: Set<Character> = dn.hasPrefix("/") ? ["/"] : [",", "/"]
        var object: [String: JSONValue] = [:]
        for part in dn.split(whereSeparator: { separators.contains($0) }) {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, !pair[1].isEmpty, let key = keys[pair[0].uppercased()] else {
                throw SigningRequestError.badSubject(dn, detail: "'\(SafeText.sanitize(String(part)))' is not KEY=value with KEY one of CN, O, OU, L, ST, C, emailAddress")
            }
            object[key] = .string(pair[1])
        }
        guard object["common_name"] != nil else { throw SigningRequestError.badSubject(dn, detail: "it has no CN=") }
        if let country = object["country"]?.stringValue, country.count != 2 {
            throw SigningRequestError.badSubject(dn, detail: "C= takes a two-letter country code")
        }
        return .object(object)
    }

    /// The POST body: a system certificate whose key (RSA 2048) the controller generates.
    public static func requestBody(name: String, subject: JSONValue) -> JSONValue {
        var certificate: [String: JSONValue] = ["self_signed": .bool(false), "subject": subject]
        if let cn = subject["common_name"]?.stringValue { certificate["subject_alt_names"] = .array([.string(cn)]) }
        return .object([
            "name": .string(name),
            "type": .string(CertificateType.system.rawValue),
            "format": .string("SSL_PEM"),
            "certificate": .object(certificate),
            "key_params": .object(["algorithm": .string("SSL_KEY_ALGORITHM_RSA"),
                                   "rsa_params": .object(["key_size": .string("SSL_KEY_2048_BITS"), "exponent": .number(65537)])]),
        ])
    }
}

/// Why a signing request could not be made or completed; one line each.
public enum SigningRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    case badSubject(String, detail: String)
    case badName(String, detail: String)
    case notFound(String)
    case notPending(String, status: String)
    case noRequest(String)
    case mismatch(String)
    case unusable(String, detail: String)

    public var description: String {
        switch self {
        case let .badSubject(dn, detail): return "--subject '\(SafeText.sanitize(dn))': \(detail) — e.g. --subject 'CN=avi.example.com, O=Example, C=US'"
        case let .badName(name, detail): return "--name \(SafeText.sanitize(name)): \(detail)"
        case let .notFound(name): return "no certificate named \(SafeText.sanitize(name)) on the controller — create its signing request first with --csr --name \(SafeText.sanitize(name))"
        case let .notPending(name, status):
            return "\(SafeText.sanitize(name)) is not waiting for a certificate (status \(SafeText.sanitize(status))) — --complete attaches a certificate to a pending signing request only; nothing was sent"
        case let .noRequest(name): return "\(SafeText.sanitize(name)) holds no certificate signing request; nothing was sent"
        case let .mismatch(name):
            return "the certificate was not made from the signing request of \(SafeText.sanitize(name)) (its public key differs) — have the CA sign that CSR; nothing was sent"
        case let .unusable(name, detail): return "the certificate for \(SafeText.sanitize(name)) cannot be used: \(detail); nothing was sent"
        }
    }
}

/// What `--csr` made: the pending object and its CSR.
public struct SigningRequestCreated: Sendable {
    public let name: String
    public let uuid: String
    public let csrPEM: String
    public let subject: String
}

/// What `--complete` did.
public struct SigningRequestCompleted: Sendable {
    public let name: String
    public let uuid: String
    public let status: String
    public let notAfter: Date?
    public let createdCAs: [CreatedObject]
    /// Warnings worth saying (days left, subject differs from the request).
    public let warnings: [String]
}

extension RotationExecutor {
    /// `rotate --csr`: asks the controller to make the key and a CSR under a new name; reads it back.
    public func createSigningRequest(name: String, subject dn: String) async throws -> SigningRequestCreated {
        let subject = try SigningRequest.subject(dn)
        if name.hasPrefix(WriteGuard.protectedPrefix) { throw SigningRequestError.badName(name, detail: "names starting with System-Default- are reserved for the controller") }
        if name.isEmpty || name != name.trimmingCharacters(in: .whitespacesAndNewlines) {
            throw SigningRequestError.badName(name, detail: "not a usable object name")
        }
        if try await client.certificate(named: name) != nil {
            throw SigningRequestError.badName(name, detail: "an object with that name exists — it is never overwritten; choose another")
        }
        await willSendWrite(.post, "/api/sslkeyandcertificate")
        let created = try await client.createCertificate(SigningRequest.requestBody(name: name, subject: subject))
        // Read what the write changed at once: the create answer may lack fields.
        let raw = try await client.rawCertificate(uuid: created.uuid)
        guard let csr = raw["certificate"]?["certificate_signing_request"]?.stringValue, !csr.isEmpty else {
            throw SigningRequestError.noRequest(name)
        }
        let shown = raw["certificate"]?["subject"]?["distinguished_name"]?.stringValue ?? dn
        return SigningRequestCreated(name: created.name, uuid: created.uuid, csrPEM: csr, subject: shown)
    }

    /// `rotate --complete`: checks that `certificatePEM` was made from the pending object's CSR (same
    /// public key), that it is valid now and for longer than the critical days, creates CA objects for a
    /// chain the controller does not hold yet, then PUTs the object with its `_last_modified`.
    public func completeSigningRequest(name: String, certificatePEM: String, chainPEM: String?, certificateSource: String,
                                       chainSource: String = "the chain") async throws -> SigningRequestCompleted {
        guard let found = try await client.certificate(named: name) else { throw SigningRequestError.notFound(name) }
        var raw = try await client.rawCertificate(uuid: found.uuid)
        let status = raw["status"]?.stringValue ?? "SSL_CERTIFICATE_FINISHED"
        guard status == "SSL_CERTIFICATE_PENDING" else { throw SigningRequestError.notPending(name, status: status) }
        guard let csrPEM = raw["certificate"]?["certificate_signing_request"]?.stringValue, !csrPEM.isEmpty else {
            throw SigningRequestError.noRequest(name)
        }
        let parsed = try CertificateFacts.parseAll(pem: certificatePEM, source: certificateSource)
        let leaf = parsed[0]
        let csr: CertificateSigningRequest
        do { csr = try CertificateSigningRequest(pemEncoded: csrPEM) } catch {
            throw SigningRequestError.unusable(name, detail: "the controller's CSR cannot be read (\(error))")
        }
        guard csr.publicKey == leaf.certificate.publicKey else { throw SigningRequestError.mismatch(name) }
        let facts = CertificateFacts(leaf.certificate, der: leaf.der)
        let now = clock.now()
        var warnings: [String] = []
        for item in LocalValidation.factItems(facts, now: now) {
            if item.level == .failure { throw SigningRequestError.unusable(name, detail: "\(item.check): \(item.detail)") }
            if item.level == .warning { warnings.append("\(item.check): \(item.detail)") }
        }
        if csr.subject != leaf.certificate.subject {
            warnings.append("the CA changed the subject: requested \(csr.subject), signed \(leaf.certificate.subject)")
        }
        var chain = Array(parsed.dropFirst())
        if let chainPEM, !chainPEM.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            chain += try CertificateFacts.parseAll(pem: chainPEM, source: chainSource)
        }
        // Chain certificates become CA objects unless the controller already holds one with that subject.
        let held = try await client.certificates().items.filter { $0.type == .ca }
        var createdCAs: [CreatedObject] = []
        for (index, item) in chain.enumerated() {
            let subject = CertificateFacts(item.certificate, der: item.der).subject
            if held.contains(where: { $0.certificate?.subject?.distinguishedName.map { Self.sameDN($0, subject) } ?? false }) { continue }
            let caName = "\(name)-ca-\(index + 1)"
            await willSendWrite(.post, "/api/sslkeyandcertificate")
            let object = try await client.createCertificate(.object([
                "name": .string(caName), "type": .string(CertificateType.ca.rawValue), "format": .string("SSL_PEM"),
                "certificate": .object(["certificate": .string(CertificateImport.pem(item.der))]),
            ]))
            createdCAs.append(CreatedObject(name: object.name, uuid: object.uuid))
        }
        var certificate = raw["certificate"]?.objectValue ?? [:]
        certificate["certificate"] = .string(CertificateImport.pem(leaf.der))
        raw["certificate"] = .object(certificate)
        await willSendWrite(.put, "/api/sslkeyandcertificate/\(found.uuid)")
        _ = try await client.session.send(.put, "/api/sslkeyandcertificate/\(found.uuid)", body: try raw.encoded(), tenant: "*")
        // Read what the write changed at once.
        let after = try await client.certificate(uuid: found.uuid)
        return SigningRequestCompleted(name: after.name, uuid: after.uuid, status: after.status ?? "SSL_CERTIFICATE_FINISHED",
                                       notAfter: after.notAfter, createdCAs: createdCAs, warnings: warnings)
    }

    /// Distinguished names compared without spacing and order differences of the one-line forms.
    static func sameDN(_ lhs: String, _ rhs: String) -> Bool {
        func parts(_ text: String) -> Set<String> {
            Set(text.split(whereSeparator: { $0 == "," || $0 == "/" }).map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty })
        }
        return parts(lhs) == parts(rhs)
    }
}

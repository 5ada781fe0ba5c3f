import AviAPI
import Foundation

/// One line of local validation (rotation step 3).
public struct ValidationItem: Sendable, Equatable {
    public enum Level: String, Sendable { case pass, warning, failure, info }
    public let check: String
    public let level: Level
    public let detail: String
}

/// Everything checked before anything is sent; any failure stops the workflow.
public struct ValidationReport: Sendable {
    public let items: [ValidationItem]
    public let fingerprint: String?
    public var failures: [ValidationItem] { items.filter { $0.level == .failure } }
    public var warnings: [ValidationItem] { items.filter { $0.level == .warning } }
    public var passed: Bool { failures.isEmpty }
}

/// Step 3: parses, key matches, valid now, days left, key strength, key usage, fingerprint.
public enum LocalValidation {
    /// Under this many days left a certificate is accepted with a warning (said again at step 6).
    public static let warningDays = 30
    /// Under this many days left a certificate is refused as the new secure-channel certificate:
    /// the next rotation would be due before this one is verified and settled.
    public static let criticalDays = 7

    /// The days-left line of validation: refused inside the critical days, warned inside the warning days.
    static func daysItem(notAfter: Date, now: Date) -> ValidationItem {
        let days = AviDate.daysLeft(until: notAfter, now: now)
        let left = notAfter.timeIntervalSince(now)
        if left < Double(criticalDays) * 86_400 {
            return .init(check: "days left", level: .failure,
                         detail: "\(RotationText.remaining(left)) — inside the critical \(criticalDays) days; a new secure-channel certificate must last longer")
        }
        if days < warningDays {
            return .init(check: "days left", level: .warning,
                         detail: "\(days) — it expires within \(warningDays) days; plan the next rotation now")
        }
        return .init(check: "days left", level: .pass, detail: "\(days)")
    }

    public static func validate(_ material: CertificateImport, now: Date, existingNames: Set<String>) -> ValidationReport {
        var items = nameItems(material.name, existingNames: existingNames)
        items.append(.init(check: "parses", level: .pass,
                           detail: "certificate \(material.leaf.subject), issued by \(material.leaf.issuer)"))
        items.append(material.keyMatches
            ? .init(check: "key matches", level: .pass, detail: "the private key belongs to the certificate"
                    + (material.key.wasEncrypted ? " (decrypted with the passphrase; the decrypted key is sent, never the passphrase)" : ""))
            : .init(check: "key matches", level: .failure, detail: "the private key does not belong to this certificate"))
        items += factItems(material.leaf, now: now)
        if !material.key.description.isAcceptable {
            items.append(.init(check: "private key", level: .failure, detail: "\(material.key.description) is not accepted"))
        }
        for (index, link) in material.chain.enumerated() {
            let label = "chain \(index + 1)"
            if !link.signsPrevious {
                items.append(.init(check: label, level: .failure,
                                   detail: "\(link.facts.subject) did not sign the certificate before it — check the order of the chain file"))
            } else if link.facts.daysLeft(now: now) < 0 {
                items.append(.init(check: label, level: .failure, detail: "\(link.facts.subject) expired on \(AviDate.rfc3339(link.facts.notAfter))"))
            } else {
                items.append(.init(check: label, level: .pass, detail: "\(link.facts.subject) (created as CA certificate \(material.name)-ca-\(index + 1))"))
            }
        }
        return ValidationReport(items: items, fingerprint: material.leaf.sha256Fingerprint)
    }

    /// An existing certificate: its PEM (when the controller returned it) is parsed here too;
    /// the key stays on the controller (`<sensitive>`), so only its presence can be checked.
    public static func validate(existing certificate: SSLKeyAndCertificate, inUseUUID: String?, now: Date) -> ValidationReport {
        var items: [ValidationItem] = []
        let candidate = RotationCandidate(certificate, inUseUUID: inUseUUID, now: now)
        for problem in candidate.problems { items.append(.init(check: "usable", level: .failure, detail: problem)) }
        items.append(certificate.hasKey
            ? .init(check: "key", level: .info, detail: "held by the controller (not readable, so the match is the controller's to check)")
            : .init(check: "key", level: .failure, detail: "the controller holds no private key for it"))
        var fingerprint: String?
        if let pem = certificate.certificate?.certificate, !pem.isEmpty {
            do {
                let parsed = try CertificateFacts.parseAll(pem: pem, source: certificate.name)
                let facts = CertificateFacts(parsed[0].certificate, der: parsed[0].der)
                fingerprint = facts.sha256Fingerprint
                items.append(.init(check: "parses", level: .pass, detail: "certificate \(facts.subject), issued by \(facts.issuer)"))
                items += factItems(facts, now: now)
            } catch {
                items.append(.init(check: "parses", level: .failure, detail: "\(error)"))
            }
        } else if let days = certificate.daysLeft(now: now) {
            items.append(.init(check: "parses", level: .info, detail: "the controller did not return the PEM; dates are the controller's"))
            if days < 0 {
                items.append(.init(check: "days left", level: .failure, detail: "expired \(-days) days ago"))
            } else if let notAfter = certificate.notAfter {
                items.append(daysItem(notAfter: notAfter, now: now))
            }
        }
        return ValidationReport(items: items, fingerprint: fingerprint)
    }

    static func nameItems(_ name: String, existingNames: Set<String>) -> [ValidationItem] {
        if name.isEmpty || name != name.trimmingCharacters(in: .whitespacesAndNewlines)
            || name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return [.init(check: "new name", level: .failure, detail: "'\(SafeText.sanitize(name))' is not a usable object name")]
        }
        if name.hasPrefix(WriteGuard.protectedPrefix) {
            return [.init(check: "new name", level: .failure, detail: "names starting with System-Default- are reserved for the controller")]
        }
        if existingNames.contains(name) {
            return [.init(check: "new name", level: .failure,
                          detail: "an object named \(name) exists — it is never overwritten; choose another --name, or --to \(name) to use it")]
        }
        return [.init(check: "new name", level: .pass, detail: "\(name) (a new object; nothing is overwritten)")]
    }

    static func factItems(_ facts: CertificateFacts, now: Date) -> [ValidationItem] {
        var items: [ValidationItem] = []
        if facts.notBefore > now {
            items.append(.init(check: "valid now", level: .failure, detail: "not valid before \(AviDate.rfc3339(facts.notBefore))"))
        } else if facts.notAfter < now {
            items.append(.init(check: "valid now", level: .failure, detail: "expired on \(AviDate.rfc3339(facts.notAfter))"))
        } else {
            items.append(.init(check: "valid now", level: .pass,
                               detail: "\(AviDate.rfc3339(facts.notBefore)) to \(AviDate.rfc3339(facts.notAfter))"))
            items.append(daysItem(notAfter: facts.notAfter, now: now))
        }
        items.append(facts.key.isAcceptable
            ? .init(check: "key strength", level: .pass, detail: facts.key.description)
            : .init(check: "key strength", level: .failure, detail: "\(facts.key) — use RSA 2048 or more, or EC P-256/P-384"))
        if facts.usesSHA1Signature {
            items.append(.init(check: "signature", level: .warning, detail: "signed with SHA-1, which peers may refuse"))
        }
        var usageProblems: [String] = []
        if !facts.allowsDigitalSignature { usageProblems.append("key usage lacks digitalSignature") }
        if case .rsa = facts.key, !facts.allowsKeyEncipherment, !facts.allowsDigitalSignature {
            usageProblems.append("key usage lacks keyEncipherment")
        }
        if !facts.allowsServerAuth { usageProblems.append("extended key usage lacks serverAuth") }
        if usageProblems.isEmpty {
            let usage = (facts.keyUsage.map { $0.joined(separator: ",") } ?? "any") + "; EKU " + (facts.extendedKeyUsage.map { $0.joined(separator: ",") } ?? "any")
            items.append(.init(check: "key usage", level: .pass, detail: usage))
        } else {
            items.append(.init(check: "key usage", level: .failure, detail: usageProblems.joined(separator: "; ")))
        }
        if facts.isCertificateAuthority {
            items.append(.init(check: "basic constraints", level: .warning, detail: "a CA certificate used as a leaf"))
        }
        items.append(.init(check: "fingerprint", level: .info, detail: "SHA-256 \(facts.sha256Fingerprint)"))
        return items
    }
}

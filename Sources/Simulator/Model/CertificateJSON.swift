import Foundation

/// Builds `sslkeyandcertificate` objects from a spec (or a parsed PEM).
enum CertificateJSON {
    struct Inputs {
        var uuid: String
        var name: String
        var type: String
        var tenantRef: String
        var lastModified: String
        var hasKey: Bool
        var caCerts: [(name: String, uuid: String)] = []
        var createdBy: String?
    }

    static func expiryStatus(notAfter: Date, now: Date) -> String {
        if notAfter <= now { return "SSL_CERTIFICATE_EXPIRED" }
        if notAfter.timeIntervalSince(now) <= 30 * 86400 { return "SSL_CERTIFICATE_EXPIRY_WARNING" }
        return "SSL_CERTIFICATE_GOOD"
    }

    /// The certificate sub-object; PEM-derived fields are left out until the
    /// material exists (`attach` adds them).
    static func certificateObject(
        subject: DNFields, issuer: DNFields, notBefore: Date, notAfter: Date, sans: [String],
        serial: String, signatureAlgorithm: String, selfSigned: Bool, now: Date
    ) -> JSON {
        .obj([
            "not_before": .string(TimeFormat.spaced(notBefore)),
            "not_after": .string(TimeFormat.spaced(notAfter)),
            "expiry_status": .string(expiryStatus(notAfter: notAfter, now: now)),
            // The requested validity of self-signed generation, not a countdown (REFERENCE §3.4).
            "days_until_expire": .num(365),
            "subject": subject.json,
            "issuer": issuer.json,
            "subject_alt_names": .array(sans.map { .string($0) }),
            "serial_number": .string(serial),
            "version": .string("2"),
            "signature_algorithm": .string(signatureAlgorithm),
            "self_signed": .bool(selfSigned),
            "chain_verified": .bool(true),
        ])
    }

    static func object(_ inputs: Inputs, certificate: JSON, keyParams: JSON) -> JSON {
        var members: [JSON.Member] = [
            .init(key: "url", value: .string(Ref.path("sslkeyandcertificate", inputs.uuid))),
            .init(key: "uuid", value: .string(inputs.uuid)),
            .init(key: "name", value: .string(inputs.name)),
            .init(key: "tenant_ref", value: .string(inputs.tenantRef)),
            .init(key: "_last_modified", value: .string(inputs.lastModified)),
            .init(key: "type", value: .string(inputs.type)),
            .init(key: "certificate", value: certificate),
        ]
        if inputs.hasKey {
            members.append(.init(key: "key", value: .string("<sensitive>")))
            members.append(.init(key: "key_passphrase", value: .string("")))
        }
        members.append(contentsOf: [
            .init(key: "key_params", value: keyParams),
            .init(key: "status", value: .string("SSL_CERTIFICATE_FINISHED")),
            .init(key: "format", value: .string("SSL_PEM")),
            .init(key: "certificate_base64", value: .bool(false)),
            .init(key: "key_base64", value: .bool(false)),
        ])
        if !inputs.caCerts.isEmpty {
            members.append(.init(key: "ca_certs", value: .array(inputs.caCerts.map {
                .obj(["name": .string($0.name), "ca_ref": .string(Ref.path("sslkeyandcertificate", $0.uuid))])
            })))
        }
        members.append(contentsOf: [
            .init(key: "enable_ocsp_stapling", value: .bool(false)),
            .init(key: "ocsp_config", value: .obj([
                "ocsp_req_interval": .num(86400), "ocsp_resp_timeout": .num(60),
                "url_action": .string("OCSP_RESPONDER_URL_FAILOVER"),
                "failed_ocsp_jobs_retry_interval": .num(3600), "max_tries": .num(10),
            ])),
        ])
        if let createdBy = inputs.createdBy {
            members.append(.init(key: "created_by", value: .string(createdBy)))
        }
        return .object(members)
    }

    static func fromSpec(_ spec: CertSpec, _ inputs: Inputs, now: Date) -> JSON {
        let certificate = certificateObject(
            subject: spec.subject, issuer: spec.issuer, notBefore: spec.notBefore, notAfter: spec.notAfter,
            sans: spec.subjectAltNames, serial: spec.serialDecimal,
            signatureAlgorithm: spec.issuerKeyKind.signatureAlgorithmName, selfSigned: spec.selfSigned, now: now
        )
        return object(inputs, certificate: certificate, keyParams: spec.keyKind.keyParams)
    }

    /// Adds the PEM, fingerprint and public key to a stored object, and takes the dates from
    /// the PEM (`validity`, as parsed from its bytes): the JSON never says another second than
    /// the certificate itself, which the official SDK's checks compare.
    static func attach(pem: String, fingerprint: String, publicKey: String, validity: (notBefore: Date, notAfter: Date), now: Date,
                       to object: JSON) -> JSON {
        guard var certificate = object["certificate"], case .object(var members) = certificate else { return object }
        members.removeAll { ["certificate", "fingerprint", "public_key"].contains($0.key) }
        members = members.map { member in
            switch member.key {
            case "not_before": return .init(key: member.key, value: .string(TimeFormat.spaced(validity.notBefore)))
            case "not_after": return .init(key: member.key, value: .string(TimeFormat.spaced(validity.notAfter)))
            case "expiry_status": return .init(key: member.key, value: .string(expiryStatus(notAfter: validity.notAfter, now: now)))
            default: return member
            }
        }
        members.insert(.init(key: "certificate", value: .string(pem)), at: 0)
        let fingerprintIndex = (members.firstIndex { $0.key == "serial_number" }) ?? members.count
        members.insert(.init(key: "fingerprint", value: .string(fingerprint)), at: fingerprintIndex)
        members.append(.init(key: "public_key", value: .string(publicKey)))
        certificate = .object(members)
        var out = object
        out["certificate"] = certificate
        return out
    }
}

import Foundation

/// `POST /api/sslkeyandcertificate`: import a PEM (+ key) or create a
/// self-signed certificate; fields are derived from the real certificate.
enum CertificateWrites {
    static let types: Set<String> = ["SSL_CERTIFICATE_TYPE_VIRTUALSERVICE", "SSL_CERTIFICATE_TYPE_SYSTEM", "SSL_CERTIFICATE_TYPE_CA"]
    static let newTypes: Set<String> = ["SSL_CERTIFICATE_TYPE_CLIENT", "SSL_CERTIFICATE_TYPE_SECURE_CHANNEL"]

    static func create(context: RequestContext, model: ControllerModel) -> SimResponse {
        let body: JSON
        switch API.parseBody(context) {
        case .success(let json): body = json
        case .failure(let failure): return failure.response
        }
        guard let name = body["name"]?.stringValue, !name.isEmpty else {
            return .error(400, "Field 'name' is required")
        }
        if model.store.uuid("sslkeyandcertificate", named: name) != nil {
            return .error(409, "SSLKeyAndCertificate with name '\(name)' already exists in tenant admin")
        }
        let type = body["type"]?.stringValue ?? "SSL_CERTIFICATE_TYPE_VIRTUALSERVICE"
        let allowedTypes = model.persona.version >= APIVersion(parts: [32, 1, 1]) ? types.union(newTypes) : types
        guard allowedTypes.contains(type) else {
            return .error(400, "Invalid value '\(type)' for field 'type'")
        }
        let uuid = ObjectWrites.newUUID(type: "sslkeyandcertificate", context: context)
        let now = model.simNow(real: context.real)
        let inputs = CertificateJSON.Inputs(
            uuid: uuid, name: name, type: type, tenantRef: context.tenantRef ?? model.tenantAdminRef,
            lastModified: model.nextLastModified(), hasKey: false, createdBy: context.username
        )
        let result: Result<JSON, SimResponseError>
        if let pem = body.value(at: ["certificate", "certificate"])?.stringValue, !pem.isEmpty {
            result = importPEM(pem, body: body, inputs: inputs, model: model, now: now)
        } else if SigningRequests.isRequest(body) {
            result = SigningRequests.create(body: body, inputs: inputs, model: model)
        } else {
            result = selfSigned(body: body, inputs: inputs, model: model, now: now)
        }
        let object: JSON
        switch result {
        case .success(let json): object = json
        case .failure(let failure): return failure.response
        }
        model.store.put("sslkeyandcertificate", object)
        // The create answer lacks the PEM, public key and key (20.1.1 capture); clients re-GET.
        var answer = object
        answer["key"] = nil
        answer.remove(path: ["certificate", "certificate"])
        answer.remove(path: ["certificate", "public_key"])
        return ObjectWrites.created(type: "sslkeyandcertificate", uuid: uuid, name: name, object: answer, context: context, model: model)
    }

    static func importPEM(_ pem: String, body: JSON, inputs: CertificateJSON.Inputs, model: ControllerModel, now: Date) -> Result<JSON, SimResponseError> {
        let parsed: ParsedCertificate
        do {
            parsed = try CertificateParsing.parse(pem: pem)
            if let key = body["key"]?.stringValue, !key.isEmpty {
                try CertificateParsing.checkKey(pem: key, passphrase: body["key_passphrase"]?.stringValue, matches: parsed.publicKey)
            }
        } catch {
            return .failure(SimResponseError(.error(400, "\(error)")))
        }
        var inputs = inputs
        inputs.hasKey = !(body["key"]?.stringValue ?? "").isEmpty
        // Link the issuing CA when one with that subject is stored.
        if !parsed.selfSigned {
            for candidate in model.store.all("sslkeyandcertificate") where candidate["type"]?.stringValue == "SSL_CERTIFICATE_TYPE_CA" {
                if candidate.value(at: ["certificate", "subject", "distinguished_name"])?.stringValue == parsed.issuer.distinguishedName,
                   let caUUID = candidate["uuid"]?.stringValue, let caName = candidate["name"]?.stringValue {
                    inputs.caCerts = [(caName, caUUID)]
                    break
                }
            }
        }
        // A spec lets setCertificateNotAfter regenerate it later (with a pool key).
        var rng = SplitMix64(seed: Inventory.stableHash(inputs.uuid))
        model.certSpecs[inputs.uuid] = CertSpec(
            subject: parsed.subject, issuer: parsed.subject, keyKind: parsed.keyKind, keySlot: 0,
            issuerKeyKind: parsed.keyKind, issuerKeySlot: 0, notBefore: parsed.notBefore, notAfter: parsed.notAfter,
            subjectAltNames: parsed.subjectAltNames, serial: [0x11] + rng.bytes(8), isCA: parsed.isCA
        )
        let certificate = CertificateJSON.certificateObject(
            subject: parsed.subject, issuer: parsed.issuer, notBefore: parsed.notBefore, notAfter: parsed.notAfter,
            sans: parsed.subjectAltNames, serial: parsed.serialDecimal, signatureAlgorithm: parsed.signatureAlgorithm,
            selfSigned: parsed.selfSigned, now: now
        )
        let object = CertificateJSON.object(inputs, certificate: certificate, keyParams: parsed.keyParams)
        return .success(CertificateJSON.attach(pem: parsed.pem, fingerprint: parsed.sha1Fingerprint, publicKey: parsed.publicKeyPEM,
                                               validity: (parsed.notBefore, parsed.notAfter), now: now, to: object))
    }

    static func selfSigned(body: JSON, inputs: CertificateJSON.Inputs, model: ControllerModel, now: Date) -> Result<JSON, SimResponseError> {
        guard let keys = model.keys else {
            return .failure(SimResponseError(.error(503, "Certificate generation is not ready")))
        }
        let subjectJSON = body.value(at: ["certificate", "subject"])
        var subject = DNFields(commonName: subjectJSON?["common_name"]?.stringValue ?? inputs.name)
        subject.organization = subjectJSON?["organization"]?.stringValue ?? ""
        subject.organizationUnit = subjectJSON?["organization_unit"]?.stringValue ?? ""
        subject.locality = subjectJSON?["locality"]?.stringValue ?? ""
        subject.state = subjectJSON?["state"]?.stringValue ?? ""
        subject.country = subjectJSON?["country"]?.stringValue ?? ""
        let days = body.value(at: ["certificate", "days_until_expire"])?.intValue ?? 365
        guard days > 0 else { return .failure(SimResponseError(.error(400, "days_until_expire must be positive"))) }
        let algorithm = body.value(at: ["key_params", "algorithm"])?.stringValue ?? "SSL_KEY_ALGORITHM_RSA"
        let curve = body.value(at: ["key_params", "ec_params", "curve"])?.stringValue ?? ""
        let kind: KeyKind = algorithm == "SSL_KEY_ALGORITHM_EC" ? (curve.contains("384") ? .ecP384 : .ecP256) : .rsa2048
        let sans = (body.value(at: ["certificate", "subject_alt_names"])?.arrayValue ?? []).compactMap(\.stringValue)
        var rng = SplitMix64(seed: Inventory.stableHash(inputs.uuid))
        let spec = CertSpec(
            subject: subject, issuer: subject, keyKind: kind, keySlot: 3, issuerKeyKind: kind, issuerKeySlot: 3,
            notBefore: now.addingTimeInterval(-60), notAfter: now.addingTimeInterval(Double(days) * 86400),
            subjectAltNames: sans, serial: [0x12] + rng.bytes(8), isCA: inputs.type == "SSL_CERTIFICATE_TYPE_CA"
        ).inWholeSeconds
        let material: CertMaterial
        do {
            material = try CertificateFactory.make(spec, keys: keys)
        } catch {
            return .failure(SimResponseError(.error(500, "Certificate generation failed: \(error)")))
        }
        var inputs = inputs
        inputs.hasKey = true
        model.certSpecs[inputs.uuid] = spec
        var object = CertificateJSON.fromSpec(spec, inputs, now: now)
        object.set(path: ["certificate", "days_until_expire"], to: .num(days))
        return .success(CertificateJSON.attach(pem: material.pem, fingerprint: material.sha1Fingerprint, publicKey: material.publicKeyPEM,
                                               validity: (material.notBefore, material.notAfter), now: now, to: object))
    }

    /// After PUT/PATCH: a new PEM re-derives the certificate fields.
    static func refreshAfterEdit(_ new: JSON, previous: JSON, model: ControllerModel) -> Result<JSON, SimResponseError> {
        guard let pem = new.value(at: ["certificate", "certificate"])?.stringValue,
              pem != previous.value(at: ["certificate", "certificate"])?.stringValue else {
            return .success(new)
        }
        let parsed: ParsedCertificate
        do {
            parsed = try CertificateParsing.parse(pem: pem)
            if let key = new["key"]?.stringValue, !key.isEmpty, key != "<sensitive>" {
                try CertificateParsing.checkKey(pem: key, passphrase: new["key_passphrase"]?.stringValue, matches: parsed.publicKey)
            }
        } catch {
            return .failure(SimResponseError(.error(400, "\(error)")))
        }
        let uuid = previous["uuid"]?.stringValue ?? ""
        let pending = previous["status"]?.stringValue == "SSL_CERTIFICATE_PENDING"
        if pending, let failure = SigningRequests.checkCompletion(parsed, uuid: uuid, model: model) { return .failure(failure) }
        var out = new
        var certificate = CertificateJSON.certificateObject(
            subject: parsed.subject, issuer: parsed.issuer, notBefore: parsed.notBefore, notAfter: parsed.notAfter,
            sans: parsed.subjectAltNames, serial: parsed.serialDecimal, signatureAlgorithm: parsed.signatureAlgorithm,
            selfSigned: parsed.selfSigned, now: model.simNow()
        )
        if let csr = previous.value(at: ["certificate", "certificate_signing_request"]) { certificate["certificate_signing_request"] = csr }
        out["certificate"] = certificate
        if pending {
            // The signed certificate arrived: the object is finished and linked to its issuing CA.
            out["status"] = .string("SSL_CERTIFICATE_FINISHED")
            for candidate in model.store.all("sslkeyandcertificate") where candidate["type"]?.stringValue == "SSL_CERTIFICATE_TYPE_CA" {
                if candidate.value(at: ["certificate", "subject", "distinguished_name"])?.stringValue == parsed.issuer.distinguishedName,
                   let caUUID = candidate["uuid"]?.stringValue, let caName = candidate["name"]?.stringValue {
                    out["ca_certs"] = .array([.obj(["name": .string(caName), "ca_ref": .string(Ref.path("sslkeyandcertificate", caUUID))])])
                    break
                }
            }
        }
        out["key_params"] = parsed.keyParams
        if let key = out["key"]?.stringValue, !key.isEmpty { out["key"] = .string("<sensitive>") }
        return .success(CertificateJSON.attach(pem: parsed.pem, fingerprint: parsed.sha1Fingerprint, publicKey: parsed.publicKeyPEM,
                                               validity: (parsed.notBefore, parsed.notAfter), now: model.simNow(), to: out))
    }
}

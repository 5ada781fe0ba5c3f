import Foundation

/// The `System-Default-*` certificates plus N others with spread expiries.
enum CertificateSeed {
    static let words = [
        "shop", "api", "portal", "mail", "vpn", "intranet", "billing", "auth", "cdn", "static", "media",
        "payments", "search", "status", "docs", "git", "ci", "grafana", "wiki", "vault", "crm", "erp",
    ]
    static let environments = ["prod", "stage", "dev", "dr", "qa"]
    static let organization = DNFields(
        commonName: "", organization: "Avi Networks", organizationUnit: "Engineering",
        locality: "Santa Clara", state: "CA", country: "US"
    )

    static func populate(_ model: ControllerModel, rng: inout SplitMix64) {
        let epoch = model.dataEpoch
        let day = SeedData.day
        let install = epoch.addingTimeInterval(-Double(rng.int(380...420)) * day)
        let tenYears = 3650 * day

        func named(_ cn: String, _ base: DNFields = organization) -> DNFields {
            var fields = base
            fields.commonName = cn
            return fields
        }
        func serial() -> [UInt8] {
            var bytes = rng.bytes(9)
            bytes[0] = (bytes[0] & 0x7F) | 0x10
            return bytes
        }

        let rootSubject = named("System-Default-Root-CA")
        let controllerNames = [model.cluster.virtualIP] + model.cluster.nodes.map(\.ip)
        struct Default {
            let name: String, type: String, subject: DNFields, kind: KeyKind, slot: Int
            let signedByRoot: Bool, isCA: Bool, sans: [String]
        }
        let defaults = [
            Default(name: "System-Default-Root-CA", type: "SSL_CERTIFICATE_TYPE_CA", subject: rootSubject,
                    kind: .rsa2048, slot: 0, signedByRoot: false, isCA: true, sans: []),
            Default(name: "System-Default-Portal-Cert", type: "SSL_CERTIFICATE_TYPE_SYSTEM",
                    subject: named("System-Default-Portal-Cert"), kind: .rsa2048, slot: 1, signedByRoot: true,
                    isCA: false, sans: controllerNames),
            Default(name: "System-Default-Portal-Cert-EC256", type: "SSL_CERTIFICATE_TYPE_SYSTEM",
                    subject: named("System-Default-Portal-Cert-EC256"), kind: .ecP256, slot: 0, signedByRoot: true,
                    isCA: false, sans: controllerNames),
            Default(name: "System-Default-Secure-Channel-Cert", type: "SSL_CERTIFICATE_TYPE_SYSTEM",
                    subject: named("secure-channel"), kind: .rsa2048, slot: 1, signedByRoot: true,
                    isCA: false, sans: []),
            Default(name: "System-Default-Cert", type: "SSL_CERTIFICATE_TYPE_VIRTUALSERVICE",
                    subject: named("System Default Cert"), kind: .rsa2048, slot: 0, signedByRoot: false,
                    isCA: false, sans: []),
            Default(name: "System-Default-Cert-EC", type: "SSL_CERTIFICATE_TYPE_VIRTUALSERVICE",
                    subject: named("System Default EC Cert"), kind: .ecP256, slot: 1, signedByRoot: false,
                    isCA: false, sans: []),
        ]
        var rootUUID = ""
        for item in defaults {
            let uuid = "sslkeyandcertificate-" + rng.uuid4()
            if item.name == "System-Default-Root-CA" { rootUUID = uuid }
            let spec = CertSpec(
                subject: item.subject, issuer: item.signedByRoot ? rootSubject : item.subject,
                keyKind: item.kind, keySlot: item.slot,
                issuerKeyKind: item.signedByRoot ? .rsa2048 : item.kind, issuerKeySlot: item.signedByRoot ? 0 : item.slot,
                notBefore: install, notAfter: install.addingTimeInterval(tenYears),
                subjectAltNames: item.sans, serial: serial(), isCA: item.isCA
            )
            add(model, spec: spec, inputs: CertificateJSON.Inputs(
                uuid: uuid, name: item.name, type: item.type, tenantRef: model.tenantAdminRef,
                lastModified: model.seededLastModified(install), hasKey: true,
                caCerts: item.signedByRoot ? [("System-Default-Root-CA", rootUUID)] : []
            ))
        }

        let total = max(0, model.options.certificates)
        let caCount = total >= 3 ? min(25, max(1, total / 15)) : 0
        var cas: [(uuid: String, name: String, subject: DNFields, kind: KeyKind, slot: Int)] = []
        for k in 0..<caCount {
            let uuid = "sslkeyandcertificate-" + rng.uuid4()
            let name = "Corp-Issuing-CA-\(k + 1)"
            let subject = DNFields(commonName: "Corp Issuing CA \(k + 1)", organization: "Example Corp", country: "US")
            // EC P-256 issuers: signing stays cheap for thousands of leaves.
            let kind: KeyKind = .ecP256
            let notBefore = epoch.addingTimeInterval(-Double(rng.int(400...1500)) * day)
            let spec = CertSpec(
                subject: subject, issuer: subject, keyKind: kind, keySlot: k, issuerKeyKind: kind, issuerKeySlot: k,
                notBefore: notBefore, notAfter: notBefore.addingTimeInterval(tenYears),
                subjectAltNames: [], serial: serial(), isCA: true
            )
            add(model, spec: spec, inputs: CertificateJSON.Inputs(
                uuid: uuid, name: name, type: "SSL_CERTIFICATE_TYPE_CA", tenantRef: model.tenantAdminRef,
                lastModified: model.seededLastModified(notBefore), hasKey: false
            ))
            cas.append((uuid, name, subject, kind, k))
        }

        let leaves = total - caCount
        let width = max(4, String(leaves).count)
        for j in 0..<leaves {
            let uuid = "sslkeyandcertificate-" + rng.uuid4()
            let word = rng.pick(words)
            let env = rng.pick(environments)
            let number = String(repeating: "0", count: max(0, width - String(j + 1).count)) + String(j + 1)
            let name = "\(word)-\(env)-\(number)"
            let commonName = "\(word).\(env).example.com"
            let daysLeft: Double
            if j % 13 == 0 {
                daysLeft = -Double(rng.int(1...400)) - 0.25
            } else if j % 17 == 1 {
                daysLeft = Double(rng.int(0...6)) + 0.5
            } else if j % 7 == 2 {
                daysLeft = Double(rng.int(8...29)) + 0.5
            } else {
                daysLeft = Double(rng.int(31...1500)) + 0.5
            }
            let notAfter = epoch.addingTimeInterval(daysLeft * day)
            // Long enough to have started already: a certificate valid for 2 years but expiring in
            // 4 is not something a controller holds. (No extra draw: the seeded stream stays the same.)
            let validity = max(Double(rng.pick([90, 365, 398, 730])), daysLeft + 30) * day
            let kind: KeyKind = j % 10 < 6 ? .rsa2048 : (j % 10 < 9 ? .ecP256 : .ecP384)
            let slot = rng.int(0..<4)
            var subject = DNFields(commonName: commonName, organization: "Example Corp", organizationUnit: env.uppercased(),
                                   locality: "Palo Alto", state: "CA", country: "US")
            if j % 5 == 4 { subject.organizationUnit = "" }
            var issuer = subject
            var issuerKind = kind
            var issuerSlot = slot
            var caCerts: [(name: String, uuid: String)] = []
            // RSA and P-384 signatures are slow (notably in debug builds), so those
            // leaves are issued by a P-256 CA whenever one exists.
            let issuedByCA = rng.chance(0.65) || kind != .ecP256
            if !cas.isEmpty, issuedByCA {
                let ca = rng.pick(cas)
                issuer = ca.subject
                issuerKind = ca.kind
                issuerSlot = ca.slot
                caCerts = [(ca.name, ca.uuid)]
            }
            let spec = CertSpec(
                subject: subject, issuer: issuer, keyKind: kind, keySlot: slot,
                issuerKeyKind: issuerKind, issuerKeySlot: issuerSlot,
                notBefore: notAfter.addingTimeInterval(-validity), notAfter: notAfter,
                subjectAltNames: [commonName, "www.\(commonName)"], serial: serial(), isCA: false
            )
            add(model, spec: spec, inputs: CertificateJSON.Inputs(
                uuid: uuid, name: name, type: j % 15 == 5 ? "SSL_CERTIFICATE_TYPE_SYSTEM" : "SSL_CERTIFICATE_TYPE_VIRTUALSERVICE",
                tenantRef: model.tenantAdminRef,
                lastModified: model.seededLastModified(min(epoch, spec.notBefore.addingTimeInterval(3600))),
                hasKey: true, caCerts: caCerts
            ))
        }
    }

    static func add(_ model: ControllerModel, spec: CertSpec, inputs: CertificateJSON.Inputs) {
        let spec = spec.inWholeSeconds
        model.certSpecs[inputs.uuid] = spec
        model.pendingMaterial.insert(inputs.uuid)
        model.store.put("sslkeyandcertificate", CertificateJSON.fromSpec(spec, inputs, now: model.dataEpoch))
    }
}

extension ControllerModel {
    /// Generates PEMs for the given certificates if they do not have one yet.
    func ensureCertificateMaterial<S: Sequence>(_ uuids: S) where S.Element == String {
        guard let keys else { return }
        for uuid in uuids where pendingMaterial.contains(uuid) {
            guard let spec = certSpecs[uuid], let material = try? CertificateFactory.make(spec, keys: keys) else { continue }
            attachMaterial(material, to: uuid)
        }
    }

    func attachMaterial(_ material: CertMaterial, to uuid: String) {
        guard pendingMaterial.contains(uuid), let object = store.get("sslkeyandcertificate", uuid) else { return }
        store.put("sslkeyandcertificate", CertificateJSON.attach(
            pem: material.pem, fingerprint: material.sha1Fingerprint, publicKey: material.publicKeyPEM,
            validity: (material.notBefore, material.notAfter), now: dataEpoch, to: object
        ))
        pendingMaterial.remove(uuid)
    }
}

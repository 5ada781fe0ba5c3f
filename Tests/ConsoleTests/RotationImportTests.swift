import AviAPI
@testable import Console
import Foundation
import Simulator
import Testing

@Suite("Rotation: import from PEM")
struct RotationImportTests {
    /// Imports `material` under a fresh name and checks the object, the PUT and the masking.
    func importAndRotate(_ material: ImportMaterial, name: String) async throws {
        let fixture = try await RotationFixture.start()
        let run = try await fixture.rotate { _ in .importing(try CertificateImport(material, name: name)) }
        #expect(run.flow.validation?.passed == true, "\(run.flow.validation?.failures ?? [])")
        let outcome = try #require(run.outcome)
        #expect(outcome.result == .applied)
        #expect(outcome.createdObjects.last?.name == name)
        #expect(run.verification?.pointsAtTarget == true)
        #expect(run.verification?.defaultUnchanged == true)

        let created = try #require(try await fixture.client().certificate(named: name))
        #expect(created.hasKey)
        #expect(created.type == .system)
        let writes = fixture.stateChangingRequests
        #expect(writes.last.map { "\($0.method) \($0.path)" } == "PUT /api/systemconfiguration")
        #expect(writes.dropLast().allSatisfy { $0.method == "POST" && $0.path == "/api/sslkeyandcertificate" && $0.status == 201 })
        // No secret in the audit line, and the plan shows the key masked.
        let audit = try String(contentsOf: fixture.auditURL, encoding: .utf8)
        #expect(!audit.contains("PRIVATE KEY"))
        #expect(audit.contains(created.uuid))
        let planText = RotationText.plan(try #require(run.flow.plan)).joined(separator: "\n")
        #expect(planText.contains("<sensitive>"))
        #expect(!planText.contains("PRIVATE KEY"))
        await fixture.finish()
    }

    @Test("RSA 2048, traditional key, with a chain created as a CA object")
    func importRSAWithChain() async throws {
        let ca = try TestPKI.leaf(.rsa2048, commonName: "avitui test CA", days: 3650, isCA: true)
        let leaf = try TestPKI.leaf(.rsa2048, issuer: ca)
        try await importAndRotate(ImportMaterial(certificatePEM: leaf.certificatePEM, keyPEM: leaf.keyPEM, chainPEM: ca.certificatePEM),
                                  name: "sc-rsa-chain")
    }

    @Test("EC P-256 (PKCS#8) and EC P-384 (SEC1)")
    func importEC() async throws {
        let p256 = try TestPKI.leaf(.ecP256)
        try await importAndRotate(ImportMaterial(certificatePEM: p256.certificatePEM, keyPEM: p256.pkcs8PEM), name: "sc-p256")
        let p384 = try TestPKI.leaf(.ecP384)
        let sec1 = try TestPKI.traditional(p384.pkcs8PEM)
        #expect(sec1.contains("BEGIN EC PRIVATE KEY"))
        try await importAndRotate(ImportMaterial(certificatePEM: p384.certificatePEM, keyPEM: sec1), name: "sc-p384")
    }

    @Test("encrypted keys: PKCS#8 and legacy PEM, decrypted with the passphrase; wrong or missing passphrase refused")
    func importEncrypted() async throws {
        let pair = try TestPKI.leaf(.rsa2048)
        let pkcs8 = try TestPKI.encrypt(pair.pkcs8PEM, passphrase: "s3cret phrase", pkcs8: true)
        #expect(pkcs8.contains("BEGIN ENCRYPTED PRIVATE KEY"))
        let legacy = try TestPKI.encrypt(pair.keyPEM, passphrase: "s3cret phrase", pkcs8: false)
        #expect(legacy.contains("Proc-Type: 4,ENCRYPTED"))

        #expect(throws: PrivateKeyError.passphraseRequired(source: "the key")) {
            try CertificateImport(ImportMaterial(certificatePEM: pair.certificatePEM, keyPEM: pkcs8), name: "x")
        }
        #expect(throws: PrivateKeyError.wrongPassphrase(source: "the key")) {
            try CertificateImport(ImportMaterial(certificatePEM: pair.certificatePEM, keyPEM: legacy, passphrase: "wrong"), name: "x")
        }
        let decrypted = try CertificateImport(ImportMaterial(certificatePEM: pair.certificatePEM, keyPEM: legacy, passphrase: "s3cret phrase"), name: "x")
        #expect(decrypted.keyMatches)
        #expect(decrypted.key.wasEncrypted)
        #expect(!decrypted.key.pemForUpload.contains("ENCRYPTED"))

        try await importAndRotate(ImportMaterial(certificatePEM: pair.certificatePEM, keyPEM: pkcs8, passphrase: "s3cret phrase"),
                                  name: "sc-encrypted")
    }

    @Test("local validation stops a mismatched key, an expired or weak-usage certificate, a taken or reserved name — nothing sent")
    func validationFailures() async throws {
        let fixture = try await RotationFixture.start()
        let good = try TestPKI.leaf(.rsa2048)
        let other = try TestPKI.leaf(.ecP256)
        let expired = try TestPKI.leaf(.ecP256, days: -1)
        let noServerAuth = try TestPKI.leaf(.ecP256, serverAuth: false)
        let soon = try TestPKI.leaf(.ecP256, days: 10)
        let context = try await fixture.executor().loadContext()
        let taken = try #require(context.certificates.first { !$0.isSystemDefault }?.name)

        func report(_ pair: TestPKI.Pair, key: String? = nil, name: String = "sc-new") throws -> ValidationReport {
            let material = try CertificateImport(ImportMaterial(certificatePEM: pair.certificatePEM, keyPEM: key ?? pair.keyPEM), name: name)
            return LocalValidation.validate(material, now: Date(), existingNames: context.existingNames)
        }
        #expect(try report(good).passed)
        #expect(try report(good).fingerprint?.count == 95)
        #expect(try report(good, key: other.keyPEM).failures.map(\.check) == ["key matches"])
        #expect(try report(expired).failures.map(\.check) == ["valid now"])
        #expect(try report(noServerAuth).failures.map(\.check) == ["key usage"])
        #expect(try report(good, name: taken).failures.map(\.check) == ["new name"])
        #expect(try report(good, name: "System-Default-Secure-Channel-Cert-2").failures.map(\.check) == ["new name"])
        let warned = try report(soon)
        #expect(warned.passed)
        #expect(warned.warnings.map(\.check) == ["days left"])

        let run = try await fixture.rotate { _ in .importing(try CertificateImport(ImportMaterial(certificatePEM: good.certificatePEM, keyPEM: other.keyPEM), name: "sc-bad")) }
        #expect(run.flow.step == .validate)
        #expect(run.outcome == nil)
        #expect(fixture.stateChangingRequests.isEmpty)
        await fixture.finish()
    }

    @Test("files that are not certificates or keys give one clear error")
    func unreadableFiles() throws {
        #expect(throws: CertificateReadError.noCertificate(source: "c.pem")) {
            try CertificateImport(ImportMaterial(certificatePEM: "hello", keyPEM: "", certificateSource: "c.pem"), name: "x")
        }
        let pair = try TestPKI.leaf(.ecP256)
        #expect(throws: PrivateKeyError.noKey(source: "k.pem")) {
            try CertificateImport(ImportMaterial(certificatePEM: pair.certificatePEM, keyPEM: pair.certificatePEM, keySource: "k.pem"), name: "x")
        }
    }
}

import AviAPI
@testable import Console
import Foundation
import Simulator
import Testing

@Suite("Rotation: dry run, read-only, System-Default protection")
struct RotationSafetyTests {
    @Test("a dry run shows the whole plan and sends no write at all")
    func dryRun() async throws {
        let fixture = try await RotationFixture.start()
        let pair = try TestPKI.leaf(.rsa2048)
        let run = try await fixture.rotate(dryRun: true) { _ in
            .importing(try CertificateImport(ImportMaterial(certificatePEM: pair.certificatePEM, keyPEM: pair.keyPEM), name: "sc-dry"))
        }
        #expect(run.lastEffect == .finishedDryRun)
        #expect(run.flow.isFinished)
        let plan = try #require(run.flow.plan)
        #expect(plan.writes.map { "\($0.method.rawValue) \($0.path)" } == ["POST /api/sslkeyandcertificate", "PUT /api/systemconfiguration"])
        #expect(fixture.stateChangingRequests.isEmpty)
        #expect(fixture.log.snapshot().filter { $0.method.isMutating && $0.path != "/login" && $0.path != "/logout" }.isEmpty)
        #expect(try await fixture.client().certificate(named: "sc-dry") == nil)
        await fixture.finish()
    }

    @Test("read-only mode refuses the whole workflow up front, before any request")
    func readOnly() async throws {
        let fixture = try await RotationFixture.start()
        let executor = fixture.executor(readOnly: true)
        await #expect(throws: RotationError.readOnly(reason: "--read-only")) {
            _ = try await executor.loadContext(readOnlyReason: "--read-only")
        }
        #expect(fixture.log.snapshot().isEmpty)
        #expect(fixture.stateChangingRequests.isEmpty)
        // And a context marked read-only cannot start the flow either.
        let context = try await fixture.executor().loadContext()
        let readOnlyContext = RotationContext(configuration: context.configuration, certificates: context.certificates,
                                              mustChecks: context.mustChecks, clusterName: context.clusterName,
                                              controller: context.controller, controllerVersion: context.controllerVersion,
                                              user: context.user, readOnlyReason: "user monitor cannot write", readAt: Date())
        #expect(throws: RotationError.readOnly(reason: "user monitor cannot write")) {
            _ = try RotationFlow.start(context: readOnlyContext, now: Date(), dryRun: true)
        }
        #expect(fixture.stateChangingRequests.isEmpty)
        await fixture.finish()
    }

    @Test("no plan ever writes a System-Default object, whatever the target")
    func planNeverWritesDefaults() async throws {
        let fixture = try await RotationFixture.start()
        let context = try await fixture.executor().loadContext()
        let pair = try TestPKI.leaf(.ecP256)
        var targets: [RotationTarget] = context.certificates.filter { !$0.isSystemDefault }.map { .existing($0) }
        if let systemDefault = context.systemDefault { targets.append(.systemDefault(systemDefault)) }
        targets.append(.importing(try CertificateImport(ImportMaterial(certificatePEM: pair.certificatePEM, keyPEM: pair.keyPEM), name: "sc-x")))
        let defaultUUIDs = Set(context.certificates.filter(\.isSystemDefault).map(\.uuid))
        for target in targets {
            for overriding in [false, true] {
                let plan = RotationPlan(context: context, target: target, overrideConfirmed: overriding)
                for call in plan.writes {
                    #expect(!defaultUUIDs.contains { call.path.contains($0) })
                    #expect(call.maskedBody?["name"]?.stringValue?.hasPrefix("System-Default-") != true)
                    #expect(call.path == "/api/systemconfiguration" || (call.method == .post && call.path == "/api/sslkeyandcertificate"))
                }
            }
        }
        #expect(fixture.stateChangingRequests.isEmpty)
        await fixture.finish()
    }

    @Test("plan bodies: indented JSON, secrets masked, PEM elided to its first line and size")
    func planBodiesReadable() async throws {
        let fixture = try await RotationFixture.start()
        let context = try await fixture.executor().loadContext()
        let pair = try TestPKI.leaf(.rsa2048)
        let target = RotationTarget.importing(try CertificateImport(ImportMaterial(certificatePEM: pair.certificatePEM, keyPEM: pair.keyPEM), name: "sc-body"))
        let lines = RotationText.plan(RotationPlan(context: context, target: target, overrideConfirmed: false))
        #expect(!lines.contains { $0.contains("\\n") })
        #expect(!lines.contains { $0.contains("PRIVATE KEY") })
        #expect(lines.contains { $0.contains("\"key\": \"<sensitive>\"") })
        #expect(lines.contains { $0.contains("\"-----BEGIN CERTIFICATE----- … (\(pair.certificatePEM.utf8.count) bytes)\"") })
        // Nested fields are indented deeper than their parent.
        let certificateLine = try #require(lines.first { $0.contains("\"certificate\": {") })
        let nested = try #require(lines.first { $0.contains("-----BEGIN CERTIFICATE-----") })
        #expect(nested.prefix { $0 == " " }.count > certificateLine.prefix { $0 == " " }.count)
        #expect(lines.filter { $0.hasPrefix("       ") }.allSatisfy { $0.count < 120 })
        await fixture.finish()
    }
}

import AviAPI
@testable import Console
import Foundation
import Simulator
import Testing

@Suite("Rotation: to an existing certificate, rollback, audit")
struct RotationApplyTests {
    @Test("rotates to an existing certificate: one PUT with _last_modified, verified, audited without secrets")
    func rotateToExisting() async throws {
        let fixture = try await RotationFixture.start()
        var chosen = ""
        var lastModifiedRead: String?
        let run = try await fixture.rotate(settleTimeout: 10) { context in
            lastModifiedRead = context.configuration.lastModified
            let candidate = try #require(context.candidates(now: Date()).first { $0.isUsable })
            chosen = candidate.name
            return try context.target(named: candidate.name)
        }
        let outcome = try #require(run.outcome)
        #expect(outcome.result == .applied)
        let report = try #require(run.verification)
        #expect(report.pointsAtTarget == true)
        #expect(report.defaultUnchanged == true)
        #expect(report.mappings.end == .settled)
        #expect(run.flow.isFinished)

        let writes = fixture.stateChangingRequests
        #expect(writes.map(\.method) == ["PUT"])
        #expect(writes.first?.path == "/api/systemconfiguration")
        #expect(writes.first?.status == 200)
        let sent = try JSONDecoder().decode(JSONValue.self, from: Data((writes.first?.body ?? "").utf8))
        #expect(sent["_last_modified"]?.stringValue == lastModifiedRead)

        let refs = try await fixture.secureChannelRefs()
        #expect(refs.count == 1)
        let audit = try #require(run.audit)
        #expect(audit.to.name == chosen)
        #expect(audit.from.name == RotationFixture.defaultName)
        #expect(audit.outcome == "applied")
        #expect(audit.rollbackCommand.contains("--to \(RotationFixture.defaultName)"))

        let text = try String(contentsOf: fixture.auditURL, encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        #expect(text.split(separator: "\n").count == 1)
        #expect(!text.contains(fixture.endpoint.password))
        #expect(!text.contains("PRIVATE KEY"))
        let fileMode = try FileManager.default.attributesOfItem(atPath: fixture.auditURL.path)[.posixPermissions] as? Int
        let folderMode = try FileManager.default.attributesOfItem(atPath: fixture.auditURL.deletingLastPathComponent().path)[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(folderMode == 0o700)
        await fixture.finish()
    }

    @Test("rolls back with --to PREVIOUS: the default's ref is written, the object never")
    func rollback() async throws {
        let fixture = try await RotationFixture.start()
        let first = try await fixture.rotate { context in
            try context.target(named: try #require(context.candidates(now: Date()).first { $0.isUsable }).name)
        }
        let rollbackTo = try #require(first.flow.plan?.rollbackTarget)
        #expect(rollbackTo == RotationFixture.defaultName)

        let second = try await fixture.rotate { context in try context.target(named: rollbackTo) }
        #expect(second.outcome?.result == .applied)
        #expect(second.verification?.pointsAtTarget == true)
        #expect(second.audit?.action == "rollback_to_default")
        let refs = try await fixture.secureChannelRefs()
        let defaultUUID = try #require(try await fixture.client().certificate(named: RotationFixture.defaultName)?.uuid)
        #expect(refs.map(\.uuid) == [defaultUUID])
        // Two PUTs to the configuration; nothing ever addressed a certificate object.
        #expect(fixture.stateChangingRequests.map { "\($0.method) \($0.path)" } == ["PUT /api/systemconfiguration", "PUT /api/systemconfiguration"])
        let lines = try String(contentsOf: fixture.auditURL, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        await fixture.finish()
    }

    @Test("the default certificate is never a rotation candidate")
    func defaultIsNotACandidate() async throws {
        let fixture = try await RotationFixture.start()
        let context = try await fixture.executor().loadContext()
        let candidates = context.candidates(now: Date())
        for candidate in candidates where candidate.name.hasPrefix("System-Default-") {
            #expect(!candidate.isUsable)
        }
        #expect(candidates.contains { $0.isUsable })
        #expect(candidates.contains { !$0.isUsable && $0.problems.contains { $0.contains("no private key") || $0.contains("CA certificate") } })
        // Returning to the default while it is in use is refused at validation.
        var flow = try RotationFlow.start(context: context, now: Date(), dryRun: false)
        flow.handle(.next)
        flow.handle(.choose(try context.target(named: "default")))
        #expect(flow.validation?.passed == false)
        flow.handle(.next)
        #expect(flow.step == .validate)
        #expect(flow.notice != nil)
        #expect(fixture.stateChangingRequests.isEmpty)
        await fixture.finish()
    }
}

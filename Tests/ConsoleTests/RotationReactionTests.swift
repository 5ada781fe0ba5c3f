import AviAPI
@testable import Console
import Foundation
import Simulator
import Testing

/// Rotations against a secure channel that reacts (issue 13): failures caught within the window,
/// named, rolled back and read back; a change made elsewhere verified without changing anything.
@Suite("Rotation: the secure channel reacts, verification catches it, the rollback restores it")
struct RotationReactionTests {
    /// SEs present (the must-checks fail, so the change needs the override) and every mapping healthy.
    static func start(_ reaction: SecureChannelReaction) async throws -> RotationFixture {
        let fixture = try await RotationFixture.start(enforceChecks: false, ready: false, reaction: reaction)
        fixture.simulator.makeSecureChannelHealthy()
        return fixture
    }

    static func failedNow(_ fixture: RotationFixture) -> Set<String> {
        Set(fixture.simulator.mappingStatuses().filter { $0.value.hasSuffix("_FAILED") }.keys)
    }

    @Test("fail: caught within six heartbeats, every failed mapping named; the rollback restores the previous certificate (read back) and the mappings recover")
    func failCaughtAndRolledBack() async throws {
        let fixture = try await Self.start(.fail)
        let executor = fixture.executor()
        let before = try await fixture.secureChannelRefs()
        let run = try await fixture.rotate(executor: executor, override: true, target: RotationMustCheckTests.existing)
        #expect(run.outcome?.result == .applied)
        let report = try #require(run.verification)
        #expect(report.passed == false)
        #expect(report.mappings.end == .settled, "caught, not timed out: \(report.mappings.summary)")
        // Every peer but the leader failed; each is named (SEs by name, nodes as controller nodes).
        let failed = Self.failedNow(fixture)
        #expect(!failed.isEmpty)
        #expect(report.mappings.failed.count == failed.count, "\(report.mappings.failed) vs \(failed)")
        #expect(report.mappings.failed.contains { $0.hasPrefix("controller node") })
        #expect(report.mappings.failed.contains { $0.hasPrefix("Avi-se-") })
        let plan = try #require(run.flow.plan)
        #expect(RotationText.plan(plan).contains { $0.hasPrefix("rollback (planned now") }, "the rollback is planned at step 5")

        let rollback = await executor.rollback(plan, appliedRef: run.outcome?.newRef, settleTimeout: 0)
        #expect(rollback.outcome.result == .applied, "\(rollback.outcome.summary)")
        #expect(rollback.restored, "\(RotationText.rollback(rollback))")
        #expect(try await fixture.secureChannelRefs().map(\.uuid) == before.map(\.uuid), "read back: the previous certificate")
        #expect(Self.failedNow(fixture).isEmpty, "the mappings recovered")
        let entry = try #require(rollback.auditEntry)
        #expect(entry.action == "rollback_after_failed_verification")
        try AuditLog(url: fixture.auditURL).append(entry)
        let lines = try String(contentsOf: fixture.auditURL, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2, "the change and its rollback are two entries")
        // Only PUTs of the system configuration were written: never a System-Default object.
        #expect(fixture.stateChangingRequests.allSatisfy { $0.method == "PUT" && $0.path == "/api/systemconfiguration" })
        await fixture.finish()
    }

    /// A flag a test raises from another task.
    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var raised = false
        func raise() { lock.withLock { raised = true } }
        var isRaised: Bool { lock.withLock { raised } }
    }

    @Test("stopped (Ctrl-C, Esc) before the rollback is sent: nothing is written, nothing to audit, and it says so")
    func rollbackStoppedBeforeSending() async throws {
        let fixture = try await Self.start(.fail)
        let executor = fixture.executor()
        let run = try await fixture.rotate(executor: executor, override: true, target: RotationMustCheckTests.existing)
        let plan = try #require(run.flow.plan)
        let writesBefore = fixture.stateChangingRequests.count
        let rollback = await executor.rollback(plan, appliedRef: run.outcome?.newRef, settleTimeout: 0, shouldStop: { true })
        guard case .stoppedBeforeChange = rollback.outcome.result else {
            Issue.record("\(rollback.outcome.summary)")
            return await fixture.finish()
        }
        #expect(fixture.stateChangingRequests.count == writesBefore, "no write after the stop")
        #expect(rollback.auditEntry == nil)
        #expect(!rollback.restored && !rollback.watchStopped)
        #expect(RotationText.rollback(rollback).joined().contains("nothing was rolled back"))
        await fixture.finish()
    }

    @Test("stopped while the rollback's watch runs: applied and read back, the mappings' fate unknown — on screen and in the audit")
    func rollbackWatchStopped() async throws {
        let fixture = try await Self.start(.fail)
        let stop = Flag()
        // Raised as the rollback's PUT leaves: the write finishes, the watch then stops at once.
        let executor = fixture.executor(onWrite: { method, _ in if method == .put { stop.raise() } })
        let run = try await fixture.rotate(executor: fixture.executor(), override: true, target: RotationMustCheckTests.existing)
        let plan = try #require(run.flow.plan)
        let rollback = await executor.rollback(plan, appliedRef: run.outcome?.newRef, settleTimeout: 0, shouldStop: { stop.isRaised })
        #expect(rollback.outcome.result == .applied, "\(rollback.outcome.summary)")
        #expect(rollback.verification?.mappings.end == .interrupted)
        #expect(rollback.watchStopped && !rollback.restored)
        let text = RotationText.rollback(rollback)
        #expect(text.contains { $0.hasPrefix("WARN rolled back (read back: the previous certificate is in place)") && $0.contains("unknown") }, "\(text)")
        #expect(!text.contains { $0.contains("did not restore") }, "not judged, so not called a failure")
        let entry = try #require(rollback.auditEntry)
        #expect(entry.action == "rollback_after_failed_verification")
        #expect(entry.outcome == "applied")
        #expect(entry.verification?.mappings.contains("whether they came back is unknown") == true, "\(entry.verification?.mappings ?? "")")
        #expect(try await fixture.secureChannelRefs().map(\.uuid) == plan.beforeRefs.map(\.uuid), "read back: the previous certificate")
        await fixture.finish()
    }

    @Test("partial: names exactly the mappings that failed")
    func partialNamesExactlyTheFailed() async throws {
        let fixture = try await Self.start(.partial)
        let run = try await fixture.rotate(override: true, target: RotationMustCheckTests.existing)
        let report = try #require(run.verification)
        let failed = Self.failedNow(fixture)
        #expect(!failed.isEmpty)
        #expect(report.passed == false)
        #expect(report.mappings.failed.count == failed.count, "\(report.mappings.failed) vs \(failed)")
        let statuses = fixture.simulator.mappingStatuses()
        #expect(statuses.values.contains { $0.hasSuffix("_SUCCESS") }, "some came back")
        let ips = try await fixture.client().secureChannelMappings().items.filter { failed.contains($0.uuid) }.compactMap(\.ip)
        for ip in ips { #expect(report.mappings.failed.contains { $0.contains("(\(ip))") }, "\(ip) not named") }
        await fixture.finish()
    }

    @Test("ok: verified only after six heartbeats, never earlier")
    func okWatchesSixHeartbeats() async throws {
        let fixture = try await Self.start(.ok)
        let run = try await fixture.rotate(override: true, target: RotationMustCheckTests.existing)
        let report = try #require(run.verification)
        #expect(report.passed, "\(report.mappings.summary)")
        #expect(report.mappings.elapsed >= Double(RotationExecutor.heartbeatsWatched) * RotationFixture.heartbeat)
        await fixture.finish()
    }

    @Test("verify only: healthy on a healthy channel, not healthy (named) on a broken one, and nothing is written")
    func verifyOnly() async throws {
        let fixture = try await Self.start(.ok)
        let healthy = try await fixture.executor().verifyOnly(settleTimeout: 0)
        #expect(healthy.healthy, "\(healthy.lines)")
        let engine = try #require(try await fixture.client().serviceEngines().items.first)
        fixture.simulator.setMappingStatus(name: engine.uuid, status: "SECURE_CHANNEL_AUTH_TOKEN_FAILED")
        let broken = try await fixture.executor().verifyOnly(settleTimeout: 0)
        #expect(!broken.healthy)
        #expect(broken.watch.failed.contains { $0.hasPrefix(engine.name) })
        #expect(fixture.stateChangingRequests.isEmpty)
        await fixture.finish()
    }
}

@Suite("Rotation: an unknown outcome is decided by reading back")
struct RotationReconcileTests {
    @Test("the PUT's answer is lost and the controller commits it later: read back across the window, recorded as applied with its rollback")
    func committedAfterTimeout() async throws {
        let fixture = try await RotationFixture.start()
        let simulator = fixture.simulator
        let executor = fixture.executor { method, path in
            if method == .put, path == "/api/systemconfiguration" { simulator.commitNextConfigurationPutAfterDrop(delay: 0.6) }
        }
        let run = try await fixture.rotate(executor: executor, target: RotationMustCheckTests.existing)
        guard case .reconciledApplied? = run.outcome?.result else {
            Issue.record("expected applied after reconciling, got \(String(describing: run.outcome?.result))")
            await fixture.finish()
            return
        }
        #expect(run.audit?.outcome == "applied_after_reconcile")
        #expect(run.audit?.rollbackCommand.contains("--to") == true)
        #expect(run.outcome?.summary.contains("sent the PUT once") == true)
        #expect(fixture.stateChangingRequests.filter { $0.method == "PUT" }.count == 1, "never re-sent")
        await fixture.finish()
    }

    @Test("a PUT applied but answered 500 is read back and recorded as applied")
    func appliedBut500() async throws {
        let fixture = try await RotationFixture.start()
        fixture.simulator.answerNextConfigurationPutsWith500AfterApplying(1)
        let run = try await fixture.rotate(target: RotationMustCheckTests.existing)
        guard case .reconciledApplied? = run.outcome?.result else {
            Issue.record("expected applied after reconciling, got \(String(describing: run.outcome?.result))")
            await fixture.finish()
            return
        }
        #expect(run.audit?.rollbackCommand.isEmpty == false)
        #expect(run.verification?.pointsAtTarget == true)
        await fixture.finish()
    }

    @Test("a lost answer the controller never commits: not applied only after the whole window")
    func lostNeverCommitted() async throws {
        let fixture = try await RotationFixture.start()
        let simulator = fixture.simulator
        let executor = fixture.executor { method, path in
            if method == .put, path == "/api/systemconfiguration" { simulator.dropNextConnections(1) }
        }
        let started = Date()
        let run = try await fixture.rotate(executor: executor, target: RotationMustCheckTests.existing)
        guard case .reconciledNotApplied? = run.outcome?.result else {
            Issue.record("expected not applied, got \(String(describing: run.outcome?.result))")
            await fixture.finish()
            return
        }
        #expect(Date().timeIntervalSince(started) >= executor.commitWindow, "decided only after the commit window")
        #expect(run.audit?.rollbackCommand == "")
        await fixture.finish()
    }

    @Test("a PUT re-sent after a 401 is recorded as sent twice, not 'nothing was retried'")
    func resentAfter401() async throws {
        let fixture = try await RotationFixture.start()
        let simulator = fixture.simulator
        let executor = fixture.executor { method, path in
            if method == .put, path == "/api/systemconfiguration" { simulator.expireAllSessions() }
        }
        let run = try await fixture.rotate(executor: executor, target: RotationMustCheckTests.existing)
        #expect(run.outcome?.result == .applied)
        #expect(run.outcome?.putSends == 2)
        #expect(run.audit?.detail.contains("sent 2 times") == true, "\(run.audit?.detail ?? "")")
        #expect(run.audit?.detail.contains("Nothing was retried") == false)
        await fixture.finish()
    }
}

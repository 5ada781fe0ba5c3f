import AviAPI
@testable import Console
import Foundation
import Simulator
import Testing

@Suite("Rotation: faults during apply")
struct RotationFaultTests {
    @Test("a concurrent change (412) stops: nothing overwritten, no retry")
    func concurrentModification() async throws {
        let fixture = try await RotationFixture.start()
        let before = try await fixture.secureChannelRefs()
        fixture.simulator.forceStaleWrites(1)
        let run = try await fixture.rotate(target: RotationMustCheckTests.existing)
        #expect(run.outcome?.result == .concurrentModification)
        #expect(run.outcome?.summary.contains("nothing was overwritten") == true)
        #expect(run.verification == nil)
        #expect(run.audit?.outcome == "stopped_concurrent_change")
        #expect(try await fixture.secureChannelRefs() == before)
        #expect(fixture.stateChangingRequests.map(\.status) == [412])
        await fixture.finish()
    }

    @Test("the connection drops during the PUT: reconciled by reading back, never retried")
    func droppedDuringApply() async throws {
        let fixture = try await RotationFixture.start()
        let simulator = fixture.simulator
        let before = try await fixture.secureChannelRefs()
        // Writes go out on a fresh connection, so libcurl cannot re-send them: one drop reaches
        // avitui, which must then read, not retry.
        let executor = fixture.executor { method, path in
            if method == .put, path == "/api/systemconfiguration" { simulator.dropNextConnections(1) }
        }
        let run = try await fixture.rotate(executor: executor, target: RotationMustCheckTests.existing)
        guard case .reconciledNotApplied? = run.outcome?.result else {
            Issue.record("expected a reconciled outcome, got \(String(describing: run.outcome?.result)) \(fixture.stateChangingRequests.map { "\($0.method) \($0.status) \($0.time)" })")
            await fixture.finish()
            return
        }
        #expect(run.outcome?.summary.contains("NOT applied") == true)
        #expect(try await fixture.secureChannelRefs() == before)
        // No PUT was answered, and avitui added none of its own after the loss.
        let puts = fixture.stateChangingRequests.filter { $0.method == "PUT" }
        #expect(puts.count == 1, "the PUT was sent \(puts.count) times")
        #expect(puts.allSatisfy { $0.status == 0 })
        #expect(run.audit?.outcome == "not_applied_after_reconcile")
        await fixture.finish()
    }

    @Test("an import whose POST connection drops: read back, stop, the configuration untouched")
    func droppedDuringImport() async throws {
        let fixture = try await RotationFixture.start()
        let simulator = fixture.simulator
        let pair = try TestPKI.leaf(.ecP256)
        let executor = fixture.executor { method, _ in
            if method == .post { simulator.dropNextConnections(1) }
        }
        let run = try await fixture.rotate(executor: executor) { _ in
            .importing(try CertificateImport(ImportMaterial(certificatePEM: pair.certificatePEM, keyPEM: pair.keyPEM), name: "sc-dropped"))
        }
        guard case let .stoppedBeforeChange(reason)? = run.outcome?.result else {
            Issue.record("expected a stop, got \(String(describing: run.outcome?.result))")
            await fixture.finish()
            return
        }
        #expect(reason.contains("was not created"))
        #expect(fixture.stateChangingRequests.allSatisfy { $0.method == "POST" && $0.status == 0 })
        #expect(try await fixture.client().certificate(named: "sc-dropped") == nil)
        await fixture.finish()
    }

    @Test("cancel before apply: nothing sent; after apply there is no going back")
    func cancelBeforeApply() async throws {
        let fixture = try await RotationFixture.start()
        let executor = fixture.executor()
        let context = try await executor.loadContext()
        var flow = try RotationFlow.start(context: context, now: Date(), dryRun: false)
        flow.handle(.next)
        flow.handle(.choose(try RotationMustCheckTests.existing(context)))
        flow.handle(.next)
        flow.handle(.next)
        flow.handle(.next)
        #expect(flow.step == .confirm)
        // A wrong name sends nothing; Esc goes back one step at a time.
        #expect(flow.handle(.confirm(typed: "not-the-cluster")) == nil)
        #expect(flow.notice?.contains("nothing was sent") == true)
        flow.handle(.back)
        #expect(flow.step == .plan)
        flow.handle(.back)
        #expect(flow.step == .mustChecks)
        guard case .cancelled? = flow.handle(.cancel) else {
            Issue.record("cancel did not cancel")
            return
        }
        #expect(flow.isCancelled)
        #expect(fixture.stateChangingRequests.isEmpty)

        var second = try RotationFlow.start(context: context, now: Date(), dryRun: false)
        second.handle(.next)
        second.handle(.choose(try RotationMustCheckTests.existing(context)))
        second.handle(.next)
        second.handle(.next)
        second.handle(.next)
        guard case .apply? = second.handle(.confirm(typed: context.clusterName)) else {
            Issue.record("confirmation did not apply")
            return
        }
        #expect(!second.canGoBack)
        second.handle(.back)
        #expect(second.step == .confirm)
        #expect(second.handle(.cancel) == nil)
        await fixture.finish()
    }
}

extension RotationEffect: Equatable {
    public static func == (lhs: RotationEffect, rhs: RotationEffect) -> Bool {
        switch (lhs, rhs) {
        case (.finishedDryRun, .finishedDryRun), (.cancelled, .cancelled), (.finished, .finished): return true
        default: return false
        }
    }
}

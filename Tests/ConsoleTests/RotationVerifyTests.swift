import AviAPI
@testable import Console
import Foundation
import Simulator
import Testing

@Suite("Rotation: step 7 judged against the mappings before the change")
struct RotationVerifyTests {
    @Test("a mapping already down before the change is reported apart and does not keep the watch from settling")
    func baselineExcludesMappingsDownBefore() async throws {
        let fixture = try await RotationFixture.start(version: "18.2.6", ready: false)
        let engines = try await fixture.client().serviceEngines().items
        let down = try #require(engines.first)
        fixture.simulator.setMappingStatus(name: down.name, status: "SECURE_CHANNEL_NONE")
        let run = try await fixture.rotate(override: true, settleTimeout: 30) { context in
            try context.target(named: try #require(context.candidates(now: Date()).first { $0.isUsable }).name)
        }
        #expect(run.outcome?.result == .applied)
        let authenticatedBefore = try #require(run.flow.plan?.authenticatedMappingsBefore)
        #expect(!authenticatedBefore.contains(down.uuid))
        let watch = try #require(run.verification?.mappings)
        #expect(watch.end == .settled)
        #expect(watch.notAuthenticatedBefore.contains { $0.contains("NONE") })
        #expect(watch.summary.contains("not authenticated before the change, not counted"))
        #expect(run.audit?.verification?.mappings.contains("settled") == true)
        await fixture.finish()
    }

    @Test("the watch reports progress on every poll and stops when asked")
    func progressAndStop() async throws {
        let fixture = try await RotationFixture.start()
        let executor = fixture.executor()
        let seen = ProgressLog()
        let watch = await executor.watchMappings(timeout: 60, baseline: [], shouldStop: { seen.count >= 1 },
                                                 progress: { seen.add($0) })
        // An empty baseline judges nothing, so it settles on the second poll unless stopped first.
        #expect(watch.end == .interrupted || watch.end == .settled)
        #expect(seen.count >= 1)
        #expect(seen.first?.timeout == 60)
        await fixture.finish()
    }
}

extension RotationVerifyTests {
    @Test("a failover during the watch (503, then a new leader) is read through, not reported unreadable")
    func failoverDuringTheWatchIsReadThrough() async throws {
        let fixture = try await RotationFixture.start()
        let executor = fixture.executor()
        let mappings = try await fixture.client().secureChannelMappings().items
        let baseline = Set(mappings.filter { $0.status.isAuthenticated }.map(\.uuid))
        #expect(!baseline.isEmpty)
        fixture.simulator.failover(downFor: 1.0)
        let watch = await executor.watchMappings(timeout: 10, baseline: baseline, shouldStop: { false })
        #expect(watch.end == .settled, "\(watch.end) \(watch.error ?? "")")
        #expect(watch.polls >= 2)
        #expect(watch.failed.isEmpty)
        await fixture.finish()
    }

    @Test("an answer that waiting cannot change (403) ends the watch at once as unreadable")
    func aRefusalEndsTheWatch() async throws {
        #expect(!RotationExecutor.passes(AviError.forbidden(path: "/api/securechannelmapping", message: "no")))
        #expect(!RotationExecutor.passes(AviError.loginFailed(host: "c", status: 401)))
        #expect(RotationExecutor.passes(AviError.serverUnavailable(host: "c", status: 503)))
        #expect(RotationExecutor.passes(AviError.allControllersFailed([.serverUnavailable(host: "c", status: 503)])))
    }
}

/// Progress reports collected across the watch's callbacks.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [MappingProgress] = []
    func add(_ item: MappingProgress) { lock.lock(); items.append(item); lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return items.count }
    var first: MappingProgress? { lock.lock(); defer { lock.unlock() }; return items.first }
}

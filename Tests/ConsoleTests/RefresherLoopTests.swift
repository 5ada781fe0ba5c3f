import AviAPI
import Console
import Foundation
import Simulator
import Testing

/// The Refresher's loop on a test clock: cadence, back-off, "no permission" and fail-over,
/// without sleeping through any of them (time moves only when the test moves it).
@Suite("Refresher loop on a test clock")
struct RefresherLoopTests {
    static let start = Date(timeIntervalSince1970: 1_795_000_000)

    struct Harness {
        let simulator: ControllerSimulator
        let endpoint: SimulatorEndpoint
        let clock: FixedWallClock
        let log: RequestLog
        let store: SnapshotStore
        let refresher: Refresher

        /// Reads of paths beginning with `prefix` so far.
        func reads(_ prefix: String) -> Int { log.snapshot().filter { $0.method == .get && $0.path.hasPrefix(prefix) }.count }

        /// Waits (on real time, bounded) until the three loops are parked on the clock again.
        func settle() async throws {
            try await Harness.until { clock.waiting == 3 && !log.snapshot().isEmpty }
            // A parked loop may still be publishing: give the actor a moment to finish.
            for _ in 0..<20 { await Task.yield() }
            try await Harness.until { clock.waiting == 3 }
        }

        func advance(_ seconds: TimeInterval) async throws {
            let before = store.latest().generation
            let wakes = (clock.nextDeadline.map { $0 <= clock.now().addingTimeInterval(seconds) }) ?? false
            clock.advance(by: seconds)
            if wakes { try await Harness.until { store.latest().generation > before && clock.waiting == 3 } }
            try await settle()
        }

        static func until(_ condition: @Sendable () -> Bool) async throws {
            let deadline = Date().addingTimeInterval(180)  // a safety net, never the thing measured
            while !condition() {
                guard Date() < deadline else { throw CancellationError() }
                try await Task.sleep(nanoseconds: 5_000_000)
            }
        }

        func stop() async {
            await refresher.stop()
            try? await simulator.stop()
        }
    }

    func harness(_ configure: (ControllerSimulator) -> Void = { _ in }, controllers: ((URL) -> [URL])? = nil,
                 password: String? = nil, pins: [String] = []) async throws -> Harness {
        var options = SimulatorOptions()
        options.now = Self.start
        options.alertInterval = nil
        if let password { options.password = password }
        let simulator = ControllerSimulator(options: options)
        let endpoint = try await simulator.start()
        configure(simulator)
        let log = RequestLog()
        let settings = ConnectionSettings(controllers: controllers?(endpoint.url) ?? [endpoint.url], username: endpoint.username,
                                          password: endpoint.password,
                                          trust: pins.isEmpty ? TLSTrust(caFile: endpoint.caFile.path) : TLSTrust(pins: pins + [endpoint.controllerPublicKeyPin]),
                                          limits: TransportLimits(connectTimeout: 30), readOnly: true)
        let client = AviClient(settings: settings, log: log)
        let store = SnapshotStore(Snapshot(connection: ConnectionInfo(controller: settings.controllers[0].absoluteString, username: endpoint.username,
                                                                      tenant: "admin", readOnly: true, insecure: false)))
        let clock = FixedWallClock(Self.start)
        let refresher = Refresher(client: client, store: store, clock: clock)
        await refresher.start()
        let harness = Harness(simulator: simulator, endpoint: endpoint, clock: clock, log: log, store: store, refresher: refresher)
        try await harness.settle()
        return harness
    }

    @Test func eachGroupIsReadOnItsOwnCadence() async throws {
        let h = try await harness()
        defer { Task { await h.stop() } }
        #expect(h.reads("/api/cluster/runtime") == 1)
        // Certificates: the change-marker probe and the full read at start.
        #expect(h.reads("/api/sslkeyandcertificate") == 2)
        try await h.advance(2)  // alerts only
        #expect(h.reads("/api/alert") == 2)
        #expect(h.reads("/api/cluster/runtime") == 1)
        try await h.advance(3)  // t = 5: cluster too
        #expect(h.reads("/api/cluster/runtime") == 2)
        #expect(h.reads("/api/sslkeyandcertificate") == 2)
        try await h.advance(55)  // t = 60: certificates (the probe alone: nothing changed)
        #expect(h.reads("/api/sslkeyandcertificate") == 3)
        let snapshot = h.store.latest()
        #expect(snapshot.certificates.fetchedAt == Self.start.addingTimeInterval(60))
        #expect(snapshot.certificates.nextAttempt == Self.start.addingTimeInterval(120))
    }

    @Test func aFailingResourceBacksOffByDoublingAndResetsOnSuccess() async throws {
        let h = try await harness { $0.setMalformedBodies(true, pathPrefix: "/api/cluster/runtime") }
        defer { Task { await h.stop() } }
        var expected: [TimeInterval] = []
        var now: TimeInterval = 0
        // Cadence 5 s: retries after 10, 20, 40, 80, 160, then 180 (the cap), 180.
        for _ in 0..<7 {
            let runtime = h.store.latest().clusterRuntime
            #expect(runtime.failure != nil)
            let next = try #require(runtime.nextAttempt).timeIntervalSince(Self.start)
            expected.append(next - now)
            try await h.advance(next - now)
            now = next
        }
        #expect(expected == [10, 20, 40, 80, 160, 180, 180])
        #expect(h.reads("/api/cluster/runtime") == 8)
        // The other cluster resources kept their own 5 s cadence meanwhile.
        #expect(h.store.latest().clusterConfig.fetchedAt == Self.start.addingTimeInterval(now))
        #expect(h.store.latest().clusterConfig.nextAttempt == Self.start.addingTimeInterval(now + 5))
        h.simulator.setMalformedBodies(false, pathPrefix: nil)
        let retry = try #require(h.store.latest().clusterRuntime.nextAttempt).timeIntervalSince(Self.start)
        try await h.advance(retry - now)
        let healed = h.store.latest().clusterRuntime
        #expect(healed.failure == nil)
        #expect(healed.nextAttempt == Self.start.addingTimeInterval(retry + 5))
    }

    @Test func noPermissionIsShownAsSuchAndAskedRarely() async throws {
        let h = try await harness { $0.forbidReads(pathPrefix: "/api/sslkeyandcertificate") }
        defer { Task { await h.stop() } }
        let certificates = h.store.latest().certificates
        #expect(certificates.failure?.isPermissionDenied == true)
        #expect(certificates.nextAttempt == Self.start.addingTimeInterval(600))
        for _ in 0..<4 { try await h.advance(150) }  // 10 minutes; the cluster is read at each step
        #expect(h.reads("/api/sslkeyandcertificate") == 2)
        #expect(h.reads("/api/cluster/runtime") == 5)
        // The rest of the group keeps its 60 s cadence: due at 60, 210, 360 … and read at the next step.
        #expect(h.reads("/api/systemconfiguration") == 5)
    }

    @Test func aCancelledReadIsNeitherAFailureNorAConfigurationError() async throws {
        let settings = ConnectionSettings(controllers: [URL(string: "https://controller.invalid")!], username: "u", password: "p")
        let client = AviClient(session: AviSession(settings: settings, transport: CancelledTransport()))
        let store = SnapshotStore(Snapshot(connection: ConnectionInfo(controller: "c", username: "u", tenant: "admin", readOnly: true, insecure: false)))
        await Refresher(client: client, store: store, clock: FixedWallClock(Self.start)).refreshAllOnce()
        let snapshot = store.latest()
        #expect(snapshot.generation == 0, "nothing is published for a cancelled read")
        #expect(snapshot.resourceStates.allSatisfy { $0.failure == nil })
    }

    @Test func theHeaderFollowsAFailOverToTheSecondAddress() async throws {
        // Two simulators with one password; the refresher starts on the first, which then dies.
        let second = ControllerSimulator(options: {
            var options = SimulatorOptions()
            options.now = Self.start
            options.alertInterval = nil
            options.password = "shared-password"
            return options
        }())
        let secondEndpoint = try await second.start()
        defer { Task { try? await second.stop() } }
        let h = try await harness(controllers: { [$0, secondEndpoint.url] }, password: "shared-password",
                                  pins: [secondEndpoint.controllerPublicKeyPin])
        defer { Task { await h.stop() } }
        #expect(h.store.latest().connection.controller == h.endpoint.url.absoluteString)
        try await h.simulator.stop()
        try await h.advance(5)
        try await h.advance(5)
        #expect(h.store.latest().connection.controller == secondEndpoint.url.absoluteString)
        #expect(h.store.latest().clusterRuntime.failure == nil)
    }
}

/// A transport whose caller gave up: every send ends in `CancellationError`.
struct CancelledTransport: HTTPTransport {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse { throw CancellationError() }
}

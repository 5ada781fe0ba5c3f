import AviAPI
import Foundation
import Simulator

/// A simulator on a free loopback port, plus connection settings that trust its CA.
struct SimulatorFixture {
    let simulator: ControllerSimulator
    let endpoint: SimulatorEndpoint

    static let fixedNow = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18

    static func start(_ configure: (inout SimulatorOptions) -> Void = { _ in }) async throws -> SimulatorFixture {
        var options = SimulatorOptions()
        options.now = fixedNow
        options.alertInterval = nil
        configure(&options)
        let simulator = ControllerSimulator(options: options)
        let endpoint = try await simulator.start()
        return SimulatorFixture(simulator: simulator, endpoint: endpoint)
    }

    func settings(readOnly: Bool = false, trust: TLSTrust? = nil, controllers: [URL]? = nil,
                  limits: TransportLimits = TransportLimits(connectTimeout: 30)) -> ConnectionSettings {
        // A generous connect timeout: a loaded CI machine can take seconds for a TLS handshake.
        ConnectionSettings(controllers: controllers ?? [endpoint.url], username: endpoint.username, password: endpoint.password,
                           trust: trust ?? TLSTrust(caFile: endpoint.caFile.path), limits: limits, readOnly: readOnly)
    }

    func client(readOnly: Bool = false, log: RequestLog = RequestLog()) -> AviClient {
        AviClient(settings: settings(readOnly: readOnly), log: log)
    }

    /// Mutating requests other than the session's own login and logout.
    var stateChangingRequests: [RecordedRequest] {
        simulator.mutatingRequests().filter { $0.path != "/login" && $0.path != "/logout" }
    }

    func stop() async { try? await simulator.stop() }
}

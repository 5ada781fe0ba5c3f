import AviAPI
import Console
import Foundation
import Simulator

/// `avitui demo --fleet N`: N simulated clusters in this process, with different releases,
/// sizes and states, so the worst-first order shows at once: one unreachable, one in a
/// leader failover (503), one with failed tunnels, one whose secure-channel certificate
/// expires in 5 days, the others healthy.
enum DemoFleet {
    static let releases = ["31.2.1", "30.2.2", "20.1.9", "22.1.6"]

    /// The clusters' profiles and settings; the simulators live as long as the returned array.
    static func start(count: Int, seed: UInt64, alerts: Int) async throws -> ([FleetMember], [ControllerSimulator]) {
        var members: [FleetMember] = []
        var simulators: [ControllerSimulator] = []
        let names = ["ams-prod", "fra-prod", "lon-edge", "nyc-failover", "dr-unreachable"]
        for index in 0..<max(1, count) {
            let name = index < names.count ? names[index] : "site-\(index + 1)"
            let profile = ControllerProfile(name: name, controller: nil, tags: ["env": name.hasSuffix("prod") ? "prod" : "lab"],
                                            color: name.hasSuffix("prod") ? "bright-red" : nil)
            if name == "dr-unreachable" {
                // A dead address: nothing listens on port 1.
                var settings = ConnectionSettings(controllers: [URL(string: "https://127.0.0.1:1")!], username: "admin", password: "unused")
                settings.limits = FleetMember.defaultLimits
                members.append(FleetMember(profile: profile, settings: settings))
                continue
            }
            var options = SimulatorOptions()
            options.version = releases[index % releases.count]
            options.seed = seed + UInt64(index)
            options.serviceEngines = [40, 12, 24, 6, 0, 60][index % 6]
            options.certificates = [120, 40, 80, 20, 0, 200][index % 6]
            options.alerts = alerts
            let simulator = ControllerSimulator(options: options)
            let endpoint: SimulatorEndpoint
            do { endpoint = try await simulator.start() } catch {
                throw AviError.invalidConfiguration("the simulator could not start: \(error)")
            }
            switch name {
            case "fra-prod": simulator.setCertificateNotAfter(name: ClusterSummary.defaultSecureChannelName, Date().addingTimeInterval(5 * 86_400 + 3600))
            case "lon-edge": simulator.failSecureChannelMappings(count: 5)
            case "nyc-failover": simulator.failover(downFor: 90)
            default: break
            }
            var settings = ConnectionSettings(controllers: [endpoint.url], username: endpoint.username, password: endpoint.password,
                                              trust: TLSTrust(caFile: endpoint.caFile.path))
            settings.limits = FleetMember.defaultLimits
            members.append(FleetMember(profile: profile, settings: settings))
            simulators.append(simulator)
        }
        return (members, simulators)
    }
}

import Foundation
import Testing
@testable import Simulator

@Suite("faults and runtime state changes")
struct FaultTests {
    @Test("failover: 503 during the window, then another leader and sessions gone")
    func failover() async throws {
        let sim = try await Sim.start()
        defer { Task { await sim.stop() } }
        let client = try sim.loggedIn()
        let before = try client.get("/api/cluster/runtime").json.list("node_states")
        let oldLeader = before.first { $0.string("role") == "CLUSTER_LEADER" }?.string("name")
        sim.simulator.failover(downFor: 3)
        let down = try client.get("/api/cluster/runtime")
        #expect(down.status == 503)
        try await Task.sleep(for: .milliseconds(3200))
        #expect(try client.get("/api/cloud").status == 401)
        try client.login()
        let after = try client.get("/api/cluster/runtime").json.list("node_states")
        let newLeader = after.first { $0.string("role") == "CLUSTER_LEADER" }?.string("name")
        #expect(newLeader != nil && newLeader != oldLeader)
    }

    @Test("node states drive cluster_state")
    func nodeStates() async throws {
        let sim = try await Sim.start()
        defer { Task { await sim.stop() } }
        let client = try sim.loggedIn()
        sim.simulator.setNodeState(index: 2, state: "CLUSTER_INACTIVE")
        var runtime = try client.get("/api/cluster/runtime").json
        #expect(runtime.dict("cluster_state").string("state") == "CLUSTER_UP_HA_COMPROMISED")
        #expect(runtime.list("node_states")[2]["up_since"] == nil)
        sim.simulator.setNodeState(index: 1, state: "CLUSTER_INACTIVE")
        runtime = try client.get("/api/cluster/runtime").json
        #expect(runtime.dict("cluster_state").string("state") == "CLUSTER_UP_HA_NOT_READY")
        sim.simulator.setNodeState(index: 1, state: "CLUSTER_ACTIVE")
        sim.simulator.setNodeState(index: 2, state: "CLUSTER_ACTIVE")
        runtime = try client.get("/api/cluster/runtime").json
        #expect(runtime.dict("cluster_state").string("state") == "CLUSTER_UP_HA_ACTIVE")
    }

    @Test("dropped connections, malformed bodies, latency")
    func transportFaults() async throws {
        let sim = try await Sim.start()
        defer { Task { await sim.stop() } }
        let client = try sim.loggedIn()
        sim.simulator.dropNextConnections(1)
        let dropped = try client.get("/api/cloud")
        #expect(dropped.status == 0)
        #expect(dropped.exitCode != 0)
        #expect(try client.get("/api/cloud").status == 200)
        sim.simulator.setMalformedBodies(true, pathPrefix: "/api/alert")
        let broken = try client.get("/api/alert")
        #expect(broken.status == 200)
        #expect((try? JSONSerialization.jsonObject(with: broken.body)) == nil)
        #expect(try client.get("/api/cloud").json["count"] != nil)
        sim.simulator.setMalformedBodies(false, pathPrefix: nil)
        sim.simulator.setLatency(0.3)
        let started = Date()
        #expect(try client.get("/api/cloud").status == 200)
        #expect(Date().timeIntervalSince(started) >= 0.3)
    }

    @Test("alerts appear over time and on demand; cert expiry and mapping status change")
    func stateChanges() async throws {
        let sim = try await Sim.start { $0.alertInterval = 0.2 }
        defer { Task { await sim.stop() } }
        let client = try sim.loggedIn()
        let before = try client.get("/api/alert?page_size=1").json["count"] as? Int ?? 0
        try await Task.sleep(for: .milliseconds(500))
        sim.simulator.addAlert(level: "ALERT_HIGH", summary: "Injected", objectName: "Default-Cloud")
        let after = try client.get("/api/alert?sort=-timestamp&page_size=200").json
        #expect((after["count"] as? Int ?? 0) >= before + 3)
        #expect(after.list("results").contains { $0.string("summary") == "Injected" && $0.string("level") == "ALERT_HIGH" })

        let target = Date(timeIntervalSince1970: 1_790_000_000)
        let oldPEM = try client.get("/api/sslkeyandcertificate?name=System-Default-Secure-Channel-Cert").json.list("results")[0]
        sim.simulator.setCertificateNotAfter(name: "System-Default-Secure-Channel-Cert", target)
        let updated = try client.get("/api/sslkeyandcertificate?name=System-Default-Secure-Channel-Cert").json.list("results")[0]
        #expect(updated.dict("certificate").string("not_after") == TimeFormat.spaced(target))
        #expect(updated.dict("certificate").string("certificate") != oldPEM.dict("certificate").string("certificate"))

        let se = try client.get("/api/serviceengine?page_size=1").json.list("results")[0]
        sim.simulator.setMappingStatus(name: se.string("name") ?? "", status: "SECURE_CHANNEL_AUTH_ERRORS")
        let mapping = try client.get("/api/securechannelmapping/\(se.string("uuid") ?? "")").json
        #expect(mapping.string("status") == "SECURE_CHANNEL_AUTH_ERRORS")
    }
}

import Foundation
import Testing
@testable import Simulator

/// The simulated peers answer a secure-channel certificate change over heartbeats.
@Suite("secure channel: peers react to a certificate change", .serialized)
struct SecureChannelReactionTests {
    /// Long enough that real time never reaches a heartbeat during a test: the tests step the
    /// peers' heartbeats with `passHeartbeats`, so every phase is read where the test puts it.
    static let heartbeat: TimeInterval = 3600

    static func start(_ reaction: SecureChannelReaction, seed: UInt64 = 1) async throws -> Sim {
        let sim = try await Sim.start {
            $0.secureChannelReaction = reaction
            $0.heartbeatSeconds = heartbeat
            $0.serviceEngines = 6
            $0.seed = seed
        }
        sim.simulator.makeSecureChannelHealthy()
        return sim
    }

    /// Points the secure channel at `name` by PATCH.
    static func point(_ client: CurlClient, at name: String) throws {
        let patch: [String: Any] = ["replace": ["secure_channel_configuration": ["sslkeyandcertificate_refs": [
            "/api/sslkeyandcertificate?name=\(name)",
        ]]]]
        #expect(try client.send("PATCH", "/api/systemconfiguration", json: patch).status == 200)
    }

    static func statuses(_ client: CurlClient) throws -> [String: String] {
        var out: [String: String] = [:]
        for mapping in try client.get("/api/securechannelmapping?page_size=200").json.list("results") {
            out[mapping["uuid"] as? String ?? ""] = mapping["status"] as? String
        }
        return out
    }

    @Test("fail: CONNECTED first, then AUTH_*_FAILED, se_connected false, OPER_DOWN after 6 heartbeats, alerts; going back recovers")
    func failThenRecover() async throws {
        let sim = try await Self.start(.fail)
        defer { Task { await sim.stop() } }
        let client = try sim.loggedIn()
        let leader = try #require(try Self.statuses(client).keys.first { $0.hasPrefix("node-") && Self.isLeader($0, client) })
        let alertsBefore = try client.get("/api/alert?page_size=1").json["count"] as? Int ?? 0
        try Self.point(client, at: "System-Default-Cert")
        let right = try Self.statuses(client)
        #expect(right.filter { $0.key != leader }.values.allSatisfy { $0 == "SECURE_CHANNEL_CONNECTED" }, "\(right)")
        sim.simulator.passHeartbeats(1.5)
        let failed = try Self.statuses(client)
        #expect(failed.filter { $0.key != leader }.values.allSatisfy { $0.hasSuffix("_FAILED") }, "\(failed)")
        #expect(failed[leader]?.hasSuffix("_SUCCESS") == true, "the leader does not authenticate to itself")
        let se = try #require(failed.keys.first { $0.hasPrefix("se-") })
        let early = try #require(sim.simulator.serviceEngineHealth(uuid: se))
        #expect(early.connected == false)
        #expect(early.state == "OPER_UP", "not yet down before 6 missed heartbeats")
        sim.simulator.passHeartbeats(4)
        #expect(sim.simulator.serviceEngineHealth(uuid: se)?.state == "OPER_UP", "5 missed heartbeats: still up")
        sim.simulator.passHeartbeats(1)
        let late = try #require(sim.simulator.serviceEngineHealth(uuid: se))
        #expect(late.state == "OPER_DOWN")
        let alerts = try client.get("/api/alert?page_size=200&sort=-timestamp").json.list("results")
        let events = Set(alerts.compactMap { ($0["events"] as? [[String: Any]])?.first?["event_id"] as? String })
        #expect(events.isSuperset(of: ["SE_SECURE_KEY_EXCHANGE", "SE_HEARTBEAT_FAILURE", "SE_DOWN", "CTLR_SECURE_KEY_EXCHANGE"]), "\(events)")
        #expect((try client.get("/api/alert?page_size=1").json["count"] as? Int ?? 0) > alertsBefore)

        try Self.point(client, at: "System-Default-Secure-Channel-Cert")
        sim.simulator.passHeartbeats(1.5)
        let recovered = try Self.statuses(client)
        #expect(recovered.values.allSatisfy { $0.hasSuffix("_SUCCESS") }, "\(recovered)")
        let back = try #require(sim.simulator.serviceEngineHealth(uuid: se))
        #expect(back.connected && back.state == "OPER_UP")
    }

    @Test("ok: every peer comes back authenticated after one heartbeat")
    func okReauthenticates() async throws {
        let sim = try await Self.start(.ok)
        defer { Task { await sim.stop() } }
        let client = try sim.loggedIn()
        try Self.point(client, at: "System-Default-Cert")
        sim.simulator.passHeartbeats(2)
        #expect(try Self.statuses(client).values.allSatisfy { $0.hasSuffix("_SUCCESS") })
    }

    @Test("partial: some fail, the same ones for the same seed, others differ with another seed")
    func partialIsDeterministic() async throws {
        func failedSet(seed: UInt64) async throws -> Set<String> {
            let sim = try await Self.start(.partial, seed: seed)
            defer { Task { await sim.stop() } }
            let client = try sim.loggedIn()
            try Self.point(client, at: "System-Default-Cert")
            sim.simulator.passHeartbeats(2)
            let statuses = try Self.statuses(client)
            #expect(statuses.values.contains { $0.hasSuffix("_SUCCESS") })
            return Set(statuses.filter { $0.value.hasSuffix("_FAILED") }.keys)
        }
        let first = try await failedSet(seed: 1)
        #expect(!first.isEmpty)
        #expect(try await failedSet(seed: 1) == first)
    }

    @Test("a PUT committed after its connection dropped; a PUT applied but answered 500")
    func commitFaults() async throws {
        let sim = try await Self.start(.ok)
        defer { Task { await sim.stop() } }
        let client = try sim.loggedIn()
        var config = try client.get("/api/systemconfiguration").json
        config["welcome_workflow_complete"] = false
        sim.simulator.commitNextConfigurationPutAfterDrop(delay: 1.5)
        #expect(try client.send("PUT", "/api/systemconfiguration", json: config).status == 0)
        #expect(try client.get("/api/systemconfiguration").json["welcome_workflow_complete"] as? Bool == true, "not yet")
        // Polled, not slept: a loaded machine may take longer than the delay to ask again.
        var committed = try client.get("/api/systemconfiguration").json
        let deadline = Date().addingTimeInterval(60)
        while committed["welcome_workflow_complete"] as? Bool != false, Date() < deadline {
            try await Task.sleep(nanoseconds: 100_000_000)
            committed = try client.get("/api/systemconfiguration").json
        }
        #expect(committed["welcome_workflow_complete"] as? Bool == false, "committed late")
        sim.simulator.answerNextConfigurationPutsWith500AfterApplying(1)
        committed["welcome_workflow_complete"] = true
        #expect(try client.send("PUT", "/api/systemconfiguration", json: committed).status == 500)
        #expect(try client.get("/api/systemconfiguration").json["welcome_workflow_complete"] as? Bool == true, "applied despite the 500")
    }

    static func isLeader(_ mapping: String, _ client: CurlClient) -> Bool {
        guard let runtime = try? client.get("/api/cluster/runtime").json else { return false }
        let nodes = runtime["node_states"] as? [[String: Any]] ?? []
        let leaderIP = nodes.first { $0["role"] as? String == "CLUSTER_LEADER" }?["mgmt_ip"] as? String
        return leaderIP.map { mapping == "node-\($0)" } ?? false
    }
}

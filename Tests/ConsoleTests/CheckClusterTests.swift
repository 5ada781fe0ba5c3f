import AviAPI
import Console
import Foundation
import Testing

@Suite("check cluster and secure-channel")
struct CheckClusterTests {
    let now = CheckFixtures.now
    let active = "CLUSTER_ACTIVE", leader = "CLUSTER_LEADER", follower = "CLUSTER_FOLLOWER"

    @Test func healthyClusterIsOK() throws {
        let snapshot = try CheckFixtures.cluster([("node1", leader, active), ("node2", follower, active), ("node3", follower, active)])
        let result = ClusterCheck().evaluate(snapshot, now: now)
        #expect(result.status == .ok)
        #expect(result.statusLine == "AVI CLUSTER OK - UP_HA_ACTIVE, 3 of 3 nodes active; leader node1 | nodes_active=3;3:;2:;0;3 nodes_total=3;;;0")
        #expect(result.details.count == 3)
    }

    @Test func oneNodeDownIsWarning() throws {
        let snapshot = try CheckFixtures.cluster([("node1", leader, active), ("node2", follower, "CLUSTER_INACTIVE"), ("node3", follower, active)],
                                                 state: "CLUSTER_UP_HA_COMPROMISED")
        let result = ClusterCheck().evaluate(snapshot, now: now)
        #expect(result.status == .warning)
        #expect(result.summary == "UP_HA_COMPROMISED, 2 of 3 nodes active: node2 INACTIVE; leader node1")
    }

    @Test func noQuorumIsCritical() throws {
        let snapshot = try CheckFixtures.cluster([("node1", follower, "CLUSTER_INACTIVE"), ("node2", follower, "CLUSTER_FAILURE"),
                                                  ("node3", follower, active)], state: "CLUSTER_UP_HA_NOT_READY")
        let result = ClusterCheck().evaluate(snapshot, now: now)
        #expect(result.status == .critical)
        #expect(result.summary == "no quorum: 1 of 3 nodes active, 2 needed: node1 INACTIVE, node2 FAILURE; no leader")
    }

    @Test func aConfiguredNodeMissingFromTheRuntimeCounts() throws {
        let snapshot = try CheckFixtures.cluster([("node1", leader, active), ("node2", follower, active)], configured: 3)
        let result = ClusterCheck().evaluate(snapshot, now: now)
        #expect(result.status == .warning)
        #expect(result.summary.contains("2 of 3 nodes active: node3 not reported"))
    }

    @Test func singleNodeClusterIsOK() throws {
        let result = ClusterCheck().evaluate(try CheckFixtures.cluster([("node1", leader, active)], state: "CLUSTER_UP_NO_HA"), now: now)
        #expect(result.status == .ok)
    }

    @Test func startingClusterWithQuorumIsWarning() throws {
        let snapshot = try CheckFixtures.cluster([("node1", leader, active), ("node2", follower, active), ("node3", follower, active)],
                                                 state: "CLUSTER_STARTING_UP")
        #expect(ClusterCheck().evaluate(snapshot, now: now).status == .warning)
    }

    @Test func unreadableRuntimeIsUnknown() {
        var snapshot = CheckFixtures.snapshot()
        snapshot.clusterRuntime = Resource(failure: .malformedResponse(path: "/api/cluster/runtime", detail: "not JSON"))
        let result = ClusterCheck().evaluate(snapshot, now: now)
        #expect(result.status == .unknown)
        #expect(result.statusLine.hasPrefix("AVI CLUSTER UNKNOWN - cannot read the cluster runtime: "))
    }

    // MARK: secure channel

    let ok = "SECURE_CHANNEL_AUTH_TOKEN_SUCCESS", failed = "SECURE_CHANNEL_AUTH_TOKEN_FAILED", none = "SECURE_CHANNEL_NONE"

    @Test func allAuthenticatedIsOK() throws {
        let snapshot = try CheckFixtures.mappings([("ctrl1", ok, true), ("se-1", ok, false), ("se-2", "SECURE_CHANNEL_AUTH_SSH_SUCCESS", false)])
        let result = SecureChannelCheck().evaluate(snapshot, now: now)
        #expect(result.status == .ok)
        #expect(result.statusLine ==
            "AVI SECURE-CHANNEL OK - all 3 mappings authenticated | not_authenticated=0;0;2;0;3 failed=0;;;0;3 authenticated=3;;;0;3 total=3;;;0")
    }

    @Test func oneFailingIsWarningAndThreeCritical() throws {
        let one = try CheckFixtures.mappings([("se-1", failed, false), ("se-2", ok, false)])
        let warning = SecureChannelCheck().evaluate(one, now: now)
        #expect(warning.status == .warning)
        #expect(warning.summary == "1 of 2 mappings not authenticated: se-1 AUTH_TOKEN_FAILED")
        let three = try CheckFixtures.mappings([("se-1", failed, false), ("se-2", none, false), ("ctrl2", failed, true), ("se-3", ok, false)])
        let critical = SecureChannelCheck().evaluate(three, now: now)
        #expect(critical.status == .critical)
        #expect(critical.summary == "3 of 4 mappings not authenticated: ctrl2 AUTH_TOKEN_FAILED, se-1 AUTH_TOKEN_FAILED, se-2 NONE (1 controller node)")
        #expect(critical.statusLine.contains("failed=2;;;0;4"))
    }

    @Test func thresholdsUseTheRangeSyntax() throws {
        let snapshot = try CheckFixtures.mappings([("se-1", failed, false), ("se-2", failed, false), ("se-3", ok, false)])
        let lenient = SecureChannelCheck(warning: try #require(ThresholdRange(parsing: "2")), critical: try #require(ThresholdRange(parsing: "5")))
        #expect(lenient.evaluate(snapshot, now: now).status == .ok)
        let strict = SecureChannelCheck(warning: .above(0), critical: try #require(ThresholdRange(parsing: "1")))
        #expect(strict.evaluate(snapshot, now: now).status == .critical)
    }

    @Test func unreadableMappingsAreUnknown() {
        var snapshot = CheckFixtures.snapshot()
        snapshot.secureChannel = Resource(failure: .unreachable(host: "x", detail: "connection refused"))
        #expect(SecureChannelCheck().evaluate(snapshot, now: now).status == .unknown)
    }
}

@Suite("check secure-channel names")
struct CheckSecureChannelNameTests {
    @Test func mappingsAreNamedByTheirServiceEngine() throws {
        var snapshot = try CheckFixtures.mappings([("se-uuid-1", "SECURE_CHANNEL_AUTH_TOKEN_FAILED", false)])
        snapshot.serviceEngines = Resource(value: try CheckFixtures.decode([ServiceEngine].self, #"[{"uuid":"m-se-uuid-1","name":"Avi-se-a"}]"#))
        let result = SecureChannelCheck().evaluate(snapshot, now: CheckFixtures.now)
        #expect(result.summary == "1 of 1 mapping not authenticated: Avi-se-a AUTH_TOKEN_FAILED")
        #expect(result.details == ["SE Avi-se-a (se-uuid-1) SECURE_CHANNEL_AUTH_TOKEN_FAILED ip 10.1.0.1 local 127.1.0.2"])
    }
}

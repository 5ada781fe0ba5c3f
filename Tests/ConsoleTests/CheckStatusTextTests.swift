import AviAPI
import Console
import Foundation
import Testing

/// The human `status` (it shares the checks' fixtures): plain when asked, one block per
/// area, and a failed area says so instead of showing nothing.
@Suite("status text")
struct CheckStatusTextTests {
    let now = CheckFixtures.now

    @Test func plainTextHasOneBlockPerAreaAndNoEscapes() throws {
        var snapshot = try CheckFixtures.cluster([("node1", "CLUSTER_LEADER", "CLUSTER_ACTIVE"), ("node2", "CLUSTER_FOLLOWER", "CLUSTER_INACTIVE"),
                                                  ("node3", "CLUSTER_FOLLOWER", "CLUSTER_ACTIVE")], state: "CLUSTER_UP_HA_COMPROMISED")
        snapshot.certificates = try CheckFixtures.certificates([("old", -2), ("soon", 3), ("fine", 300)]).certificates
        snapshot.secureChannel = try CheckFixtures.mappings([("se-1", "SECURE_CHANNEL_AUTH_TOKEN_FAILED", false)]).secureChannel
        snapshot.serviceEngines = Resource(value: [], fetchedAt: now)
        snapshot.alerts = Resource(value: [try CheckFixtures.alert("a1", summary: "evil\\u001b[2J")], fetchedAt: now)
        let text = StatusText.render(snapshot, now: now, color: false)
        #expect(!text.contains("\u{1B}"))
        let blocks = text.components(separatedBy: "\n\n")
        #expect(blocks.map { $0.components(separatedBy: "  ").first ?? "" } ==
            ["Controller", "Cluster", "Service Engines", "Secure channel", "Certificates", "Alerts"])
        #expect(text.contains("Cluster  cluster-0-1  UP_HA_COMPROMISED  quorum, 2 of 3 nodes active"))
        #expect(text.contains("  node2 (10.0.0.2)  FOLLOWER  INACTIVE"))
        #expect(text.contains("Certificates  3 total: 1 expired, 1 within 7 days, 0 within 30 days"))
        #expect(text.contains("  old   expired 1 d ago"))
        #expect(text.contains("Secure channel  1 mapping, 1 not authenticated"))
        #expect(!text.split(separator: "\n").contains { $0.hasSuffix(" ") })
    }

    @Test func colourOnlyWhenAsked() throws {
        let snapshot = try CheckFixtures.certificates([("old", -2)])
        #expect(StatusText.render(snapshot, now: now, color: true).contains("\u{1B}[31;1m1 expired\u{1B}[0m"))
    }

    @Test func anAreaThatFailedSaysWhy() {
        var snapshot = CheckFixtures.snapshot()
        snapshot.clusterRuntime = Resource(failure: .unreachable(host: "10.0.0.5", detail: "connection refused"))
        let text = StatusText.render(snapshot, now: now, color: false)
        #expect(text.contains("Cluster  not read: cannot reach 10.0.0.5"))
        #expect(text.contains("Alerts  not read: no answer"))
    }
}

import AviAPI
import Console
import Foundation
import Testing

/// Issue 9 item 13: a resource not read (403, or not yet) gives `null` in JSON and "unknown"
/// in text, for every verdict and count derived from it — never `false`, 0 or "0 of 0".
@Suite struct UnknownIsUnknownTests {
    let now = CheckFixtures.now

    /// The JSON of a report, decoded back.
    func json(_ snapshot: Snapshot) throws -> [String: Any] {
        let data = try StatusReport(snapshot, now: now).json()
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func aForbiddenClusterIsNullNotNoQuorum() throws {
        var snapshot = CheckFixtures.snapshot()
        snapshot.clusterRuntime = Resource(failure: .forbidden(path: "/api/cluster/runtime", message: "User monitor does not have read access to cluster"))
        snapshot.clusterConfig = Resource(failure: .forbidden(path: "/api/cluster", message: "User monitor does not have read access to cluster"))
        let report = try json(snapshot)
        let cluster = try #require(report["cluster"] as? [String: Any])
        for key in ["name", "state", "quorum", "leader", "up_since", "nodes"] {
            #expect(cluster[key] is NSNull, "cluster.\(key) is \(String(describing: cluster[key]))")
        }
        #expect((report["errors"] as? [[String: Any]])?.contains { $0["resource"] as? String == "cluster" } == true)

        let overview = OverviewSummary(snapshot, now: now)
        #expect(overview.hasQuorum == nil && overview.nodesActive == nil && overview.nodesTotal == nil)
    }

    @Test func noNodeKnownIsNoVerdict() throws {
        // The runtime answered, but lists no node and the configuration names none: 0 of 0.
        var snapshot = CheckFixtures.snapshot()
        snapshot.clusterRuntime = Resource(value: try CheckFixtures.decode(ClusterRuntime.self, #"{"cluster_state":{"state":"CLUSTER_UP_HA_ACTIVE"}}"#),
                                           fetchedAt: now)
        #expect(OverviewSummary(snapshot, now: now).hasQuorum == nil)
        let cluster = try #require(try json(snapshot)["cluster"] as? [String: Any])
        #expect(cluster["quorum"] is NSNull)
        let text = StatusText.render(snapshot, now: now, color: false)
        #expect(!text.contains("NO QUORUM"), "\(text)")
        #expect(text.contains("quorum unknown"), "\(text)")

        let check = ClusterCheck().evaluate(snapshot, now: now)
        #expect(check.status == .unknown, "\(check.statusLine)")
    }

    @Test func unreadListsAndTheirCountsAreNull() throws {
        let report = try json(CheckFixtures.snapshot())
        for key in ["service_engines", "secure_channel", "certificates", "alerts"] {
            #expect(report[key] is NSNull, "\(key) is \(String(describing: report[key]))")
        }
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(summary.count == 9)
        for (key, value) in summary { #expect(value is NSNull, "summary.\(key) is \(value)") }
    }

    @Test func readListsKeepTheirCounts() throws {
        var snapshot = try CheckFixtures.certificates([("old", -2), ("soon", 3)])
        snapshot.serviceEngines = Resource(value: [], fetchedAt: now)
        let report = try json(snapshot)
        #expect((report["service_engines"] as? [Any])?.isEmpty == true)
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(summary["service_engines_up"] as? Int == 0)
        #expect(summary["certificates_expired"] as? Int == 1)
        #expect(summary["certificates_within_7_days"] as? Int == 1)
        #expect(summary["alerts_high"] is NSNull)
        #expect(summary["secure_channel_not_authenticated"] is NSNull)
    }

    @Test func theUnreachableReportHasEveryContractKey() throws {
        let report = StatusReport(unreachable: nil, error: "cannot reach 10.0.0.9:443", now: now)
        let object = try #require(try JSONSerialization.jsonObject(with: try report.json()) as? [String: Any])
        for key in ["controller", "version", "cluster", "service_engines", "secure_channel", "certificates", "alerts", "errors", "summary"] {
            #expect(object.keys.contains(key), "missing \(key)")
        }
        #expect(object["controller"] is NSNull)
        let errors = try #require(object["errors"] as? [[String: Any]])
        #expect(errors.count == 1 && errors[0]["resource"] as? String == "controller")
        #expect(errors[0]["error"] as? String == "cannot reach 10.0.0.9:443")
    }
}

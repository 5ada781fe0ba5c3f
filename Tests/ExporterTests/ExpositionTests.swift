import AviAPI
import Console
@testable import Exporter
import Foundation
import Testing

/// The text format itself: one HELP and TYPE per family, labels in the family's order,
/// hostile controller strings made safe, absolute timestamps, deleted objects gone.
@Suite("exporter: exposition")
struct ExpositionTests {
    private func render(_ snapshot: Snapshot, cluster: String = "prod", error: String? = nil) throws -> ParsedExposition {
        try ParsedExposition(Exposition.text(SnapshotMetrics.samples(ClusterReading(cluster: cluster, snapshot: snapshot, error: error))))
    }

    @Test func everyFamilyOnceWithItsHelpAndFixedLabelOrder() throws {
        let parsed = try render(ExporterFixtures.fullSnapshot())
        for family in MetricFamily.all {
            #expect(parsed.types[family.name] == "gauge", "\(family.name)")
            #expect(parsed.help[family.name] == family.help, "\(family.name)")
            for sample in parsed.values(family.name) {
                #expect(sample.labelOrder == family.labels, "\(family.name) labels \(sample.labelOrder)")
            }
            #expect(!parsed.values(family.name).isEmpty, "\(family.name) has samples")
        }
    }

    @Test func valuesFollowTheSnapshot() throws {
        let parsed = try render(ExporterFixtures.fullSnapshot())
        let now = ExporterFixtures.now.timeIntervalSince1970
        #expect(parsed.value("avitui_probe_success", ["cluster": "prod"]) == 1)
        #expect(parsed.value("avi_controller_cluster_quorum") == 1)  // 2 of 3 active
        #expect(parsed.value("avi_controller_node_active", ["node": "10.0.0.1"]) == 1)
        #expect(parsed.value("avi_controller_node_active", ["node": "10.0.0.1", "role": "leader"]) == 1)
        #expect(parsed.value("avi_controller_node_active", ["node": "10.0.0.3"]) == 0)
        #expect(parsed.value("avi_service_engines", ["state": "up"]) == 1)
        #expect(parsed.value("avi_service_engines", ["state": "down"]) == 1)
        #expect(parsed.value("avi_secure_channel_mappings", ["status": "auth_token_success", "role": "service_engine"]) == 1)
        #expect(parsed.value("avi_secure_channel_mappings", ["status": "auth_token_failed", "role": "service_engine"]) == 1)
        #expect(parsed.value("avi_secure_channel_mappings", ["status": "auth_token_success", "role": "controller"]) == 1)
        #expect(parsed.value("avi_alerts_active", ["level": "high"]) == 1)
        #expect(parsed.value("avi_alerts_active", ["level": "medium"]) == 0)
        #expect(parsed.value("avi_alerts_active", ["level": "low"]) == 1)
        // Absolute timestamps, not days left.
        #expect(parsed.value("avi_certificate_expiration_timestamp_seconds", ["name": "web-cert"]) == now + 10 * 86_400)
        #expect(parsed.value("avi_certificate_expiration_timestamp_seconds", ["name": "web-cert"]).map { $0 > 1e9 } == true)
        #expect(parsed.value("avi_secure_channel_certificate_expiration_timestamp_seconds",
                             ["name": "System-Default-Secure-Channel-Cert"]) == now + 110 * 86_400)
        #expect(parsed.values("avi_secure_channel_certificate_expiration_timestamp_seconds").count == 1)
        // Used by a virtual service / by the secure channel: both in use.
        #expect(parsed.values("avi_certificate_expiration_timestamp_seconds", where: ["in_use": "true"]).count == 2)
        #expect(parsed.value("avi_certificate_expiration_timestamp_seconds", ["name": "web-cert"]) != nil)
        #expect(parsed.values("avi_certificate_expiration_timestamp_seconds", where: ["type": "virtualservice"]).count == 2)
        #expect(parsed.value("avitui_last_success_timestamp_seconds", ["resource": "certificates"]) == now)
        #expect(parsed.values("avitui_last_success_timestamp_seconds").count == 8)
    }

    @Test func aDeletedCertificateDisappears() throws {
        let before = try render(ExporterFixtures.fullSnapshot(certificateNames: ["web-cert", "old-cert", "System-Default-Secure-Channel-Cert"]))
        #expect(before.value("avi_certificate_expiration_timestamp_seconds", ["name": "old-cert"]) != nil)
        let after = try render(ExporterFixtures.fullSnapshot(certificateNames: ["web-cert", "System-Default-Secure-Channel-Cert"]))
        #expect(after.values("avi_certificate_expiration_timestamp_seconds", where: ["name": "old-cert"]).isEmpty)
        #expect(after.values("avi_certificate_not_before_timestamp_seconds", where: ["name": "old-cert"]).isEmpty)
        #expect(after.values("avi_certificate_expiration_timestamp_seconds").count == 2)
    }

    @Test func hostileNamesBecomeSafeLabelValues() throws {
        let hostile = "evil\u{1B}]52;c;ZWNobyBoaQ==\u{07}\"},x=\"1\\\n\u{202E}cert\u{1B}[2J"
        let snapshot = try ExporterFixtures.fullSnapshot(certificateNames: [hostile, "System-Default-Secure-Channel-Cert"])
        let text = Exposition.text(SnapshotMetrics.samples(ClusterReading(cluster: "prod\u{1B}[31m", snapshot: snapshot)))
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
        let parsed = try ParsedExposition(text)  // still one well-formed line per sample
        let names = parsed.values("avi_certificate_expiration_timestamp_seconds").compactMap { $0.labels["name"] }
        #expect(names.contains("evil\"},x=\"1\\ cert"))
        #expect(parsed.samples.allSatisfy { $0.labels["x"] == nil })
        #expect(parsed.samples.allSatisfy { $0.labels["cluster"] == "prod" })
    }

    @Test func aLongLabelValueIsCut() throws {
        let long = String(repeating: "a", count: 10_000)
        let snapshot = try ExporterFixtures.fullSnapshot(certificateNames: [long, "System-Default-Secure-Channel-Cert"])
        let parsed = try render(snapshot)
        let names = parsed.values("avi_certificate_expiration_timestamp_seconds").compactMap { $0.labels["name"] }
        #expect(names.contains(String(repeating: "a", count: MetricSample.maximumLabelLength)))
    }

    @Test func anUnreadableClusterKeepsItsLastValuesWithTheirAge() throws {
        var snapshot = try ExporterFixtures.fullSnapshot()
        let later = ExporterFixtures.now.addingTimeInterval(600)
        snapshot.clusterRuntime = snapshot.clusterRuntime.failed(.unreachable(host: "10.0.0.5", detail: "connection refused"), at: later, retryAt: later.addingTimeInterval(5))
        let parsed = try render(snapshot)
        #expect(parsed.value("avitui_probe_success") == 0)
        #expect(parsed.value("avi_controller_cluster_quorum") == 1)  // last known
        #expect(parsed.value("avitui_last_success_timestamp_seconds", ["resource": "cluster"]) == ExporterFixtures.now.timeIntervalSince1970)
    }

    @Test func aClusterNeverReadHasOnlyItsProbe() throws {
        let text = Exposition.text(SnapshotMetrics.samples(ClusterReading(cluster: "dr", snapshot: nil, error: "login refused")))
        let parsed = try ParsedExposition(text)
        #expect(parsed.samples.count == 1)
        #expect(parsed.value("avitui_probe_success", ["cluster": "dr"]) == 0)
    }

    @Test func theClusterLabelWithoutAProfileIsTheHost() {
        #expect(ClusterLabel.forController("https://10.0.0.5:8443") == "10.0.0.5")
        #expect(ClusterLabel.forController("https://ctrl.example") == "ctrl.example")
    }

    @Test func severalClustersShareOneHeaderPerFamily() throws {
        let snapshot = try ExporterFixtures.fullSnapshot()
        let parts = ["prod", "dr", "lab"].map { Exposition.series(SnapshotMetrics.samples(ClusterReading(cluster: $0, snapshot: snapshot))) }
        let parsed = try ParsedExposition(String(decoding: Exposition.assemble(parts), as: UTF8.self))  // throws on a second HELP or TYPE
        for cluster in ["prod", "dr", "lab"] {
            #expect(parsed.value("avi_controller_cluster_quorum", ["cluster": cluster]) == 1)
            #expect(parsed.values("avi_certificate_expiration_timestamp_seconds", where: ["cluster": cluster]).count
                    == (snapshot.certificates.value ?? []).count)
        }
        #expect(parsed.families == MetricFamily.all.map(\.name).filter { parsed.types[$0] != nil })
    }

    @Test func aRepeatedSeriesIsWrittenOnceWithItsLastValue() throws {
        let first = MetricFamily.clusterQuorum.sample(["prod"], 0)
        let other = MetricFamily.clusterQuorum.sample(["dr"], 1)
        let last = MetricFamily.clusterQuorum.sample(["prod"], 1)
        let parsed = try ParsedExposition(Exposition.text([first, other, last]))
        #expect(parsed.values("avi_controller_cluster_quorum").count == 2)
        #expect(parsed.value("avi_controller_cluster_quorum", ["cluster": "prod"]) == 1)
    }
}

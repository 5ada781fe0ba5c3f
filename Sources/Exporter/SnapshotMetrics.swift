import AviAPI
import Console
import Foundation

/// The samples of one cluster, from its reading. A pure function of the reading: the exporter
/// and `status --prometheus` print the same series for the same snapshot.
///
/// A cluster that cannot be read keeps its last values (the refreshers keep the last good value
/// of each resource) with `avitui_last_success_timestamp_seconds` telling their age, and
/// `avitui_probe_success` 0; a resource never read has no series. Keeping them, rather than
/// dropping them, keeps alerts on certificate expiry and quorum firing through an outage of the
/// API instead of resolving them by silence.
public enum SnapshotMetrics {
    public static func samples(_ reading: ClusterReading) -> [MetricSample] {
        let cluster = reading.cluster
        var samples = [MetricFamily.probeSuccess.sample([cluster], reading.isUp ? 1 : 0)]
        guard let snapshot = reading.snapshot else { return samples }

        for state in snapshot.resourceStates {
            guard let fetched = state.fetchedAt else { continue }
            samples.append(MetricFamily.lastSuccess.sample([cluster, state.name.replacingOccurrences(of: " ", with: "_")],
                                                           fetched.timeIntervalSince1970))
        }
        samples += certificates(snapshot, cluster: cluster)
        samples += secureChannel(snapshot, cluster: cluster)
        samples += controllerCluster(snapshot, cluster: cluster)
        samples += serviceEngines(snapshot, cluster: cluster)
        samples += alerts(snapshot, cluster: cluster)
        return samples
    }

    /// Controller enum values as label values: without their common prefix, lower case
    /// (`SECURE_CHANNEL_AUTH_TOKEN_SUCCESS` → `auth_token_success`); unknown values keep their text.
    static func labelValue<Value: OpenEnum>(_ value: Value?, droppingPrefix prefix: String) -> String {
        guard let value else { return "unknown" }
        return value.shortName(droppingPrefix: prefix).lowercased()
    }

    static func certificates(_ snapshot: Snapshot, cluster: String) -> [MetricSample] {
        var samples: [MetricSample] = []
        let usage = snapshot.certificateUsage
        for certificate in snapshot.certificates.value ?? [] {
            let type = labelValue(certificate.type, droppingPrefix: "SSL_CERTIFICATE_TYPE_")
            if let notAfter = certificate.notAfter {
                let inUse = !usage.usedFor(certificate).isEmpty
                samples.append(MetricFamily.certificateExpiry.sample(
                    [cluster, certificate.name, type, certificate.uuid, certificate.certificate?.subject?.commonName ?? "",
                     certificate.certificate?.issuer?.commonName ?? "", inUse ? "true" : "false"],
                    notAfter.timeIntervalSince1970))
                if usage.isSecureChannel(certificate) {
                    samples.append(MetricFamily.secureChannelCertificateExpiry.sample([cluster, certificate.name],
                                                                                      notAfter.timeIntervalSince1970))
                }
            }
            if let notBefore = certificate.notBefore {
                samples.append(MetricFamily.certificateNotBefore.sample([cluster, certificate.name, type, certificate.uuid],
                                                                        notBefore.timeIntervalSince1970))
            }
        }
        return samples
    }

    /// Counts by status and role; mappings marked for deletion say nothing about the channel
    /// (as in `check secure-channel`).
    static func secureChannel(_ snapshot: Snapshot, cluster: String) -> [MetricSample] {
        guard let mappings = snapshot.secureChannel.value else { return [] }
        var counts: [[String]: Int] = [:]
        for mapping in mappings where !mapping.markedForDelete {
            let status = labelValue(mapping.status, droppingPrefix: "SECURE_CHANNEL_")
            counts[[status, mapping.isController ? "controller" : "service_engine"], default: 0] += 1
        }
        return counts.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { key in
            MetricFamily.secureChannelMappings.sample([cluster] + key, Double(counts[key] ?? 0))
        }
    }

    static func controllerCluster(_ snapshot: Snapshot, cluster: String) -> [MetricSample] {
        guard let runtime = snapshot.clusterRuntime.value else { return [] }
        let configured = snapshot.clusterConfig.value?.nodes ?? []
        // No node known at all (0 of 0) is no verdict: no quorum sample rather than a 0 (issue 9 item 13).
        let known = max(configured.count, runtime.nodeStates.count)
        var samples = known == 0 ? [] : [MetricFamily.clusterQuorum.sample([cluster], runtime.hasQuorum(configuredNodes: configured.count) ? 1 : 0)]
        for node in runtime.nodeStates {
            samples.append(MetricFamily.nodeActive.sample(
                [cluster, node.name, labelValue(node.role, droppingPrefix: "CLUSTER_")], node.state == .active ? 1 : 0))
        }
        // A configured node the runtime does not list is not active; it is shown, not hidden.
        for node in configured {
            let name = node.name ?? node.ip?.addr ?? ""
            let listed = runtime.nodeStates.contains { $0.name == name || ($0.mgmtIP != nil && $0.mgmtIP == node.ip?.addr) }
            if !listed && !name.isEmpty { samples.append(MetricFamily.nodeActive.sample([cluster, name, "unknown"], 0)) }
        }
        return samples
    }

    static func serviceEngines(_ snapshot: Snapshot, cluster: String) -> [MetricSample] {
        guard let engines = snapshot.serviceEngines.value else { return [] }
        var counts: [String: Int] = [:]
        for engine in engines { counts[labelValue(engine.runtime?.operStatus?.state, droppingPrefix: "OPER_"), default: 0] += 1 }
        return counts.keys.sorted().map { MetricFamily.serviceEngines.sample([cluster, $0], Double(counts[$0] ?? 0)) }
    }

    /// Every known level is written, zeros included, so a dashboard never shows "no data" for
    /// a quiet cluster; a level this build does not know is written when seen.
    static func alerts(_ snapshot: Snapshot, cluster: String) -> [MetricSample] {
        guard let alerts = snapshot.alerts.value else { return [] }
        var counts: [String: Int] = [:]
        for level in AlertLevel.known { counts[labelValue(level, droppingPrefix: "ALERT_")] = 0 }
        for alert in alerts { counts[labelValue(alert.level, droppingPrefix: "ALERT_"), default: 0] += 1 }
        return counts.keys.sorted().map { MetricFamily.alertsActive.sample([cluster, $0], Double(counts[$0] ?? 0)) }
    }
}

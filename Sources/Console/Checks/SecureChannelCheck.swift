import AviAPI
import Foundation

/// `avitui check secure-channel`: counts the secure-channel mappings (Service Engines and
/// controller nodes) that are not authenticated, and compares the count with thresholds in
/// the plugin guidelines' range syntax (default: WARNING above 0, CRITICAL above 2).
public struct SecureChannelCheck: Sendable {
    public var warning: ThresholdRange
    public var critical: ThresholdRange

    public static let service = "SECURE-CHANNEL"
    static let namesInSummary = 5

    public init(warning: ThresholdRange = .above(0), critical: ThresholdRange = .above(2)) {
        self.warning = warning
        self.critical = critical
    }

    public func evaluate(_ snapshot: Snapshot, now: Date) -> CheckResult {
        guard let all = snapshot.secureChannel.value else {
            return .unknown(Self.service,
                            "cannot read the secure-channel mappings: \(snapshot.secureChannel.error ?? "no answer from the controller")")
        }
        // Mappings being deleted are on their way out; their status says nothing.
        let mappings = all.filter { !$0.markedForDelete }
        let failing = mappings.filter { !$0.status.isAuthenticated }
            .sorted { ($0.isController ? 0 : 1, $0.name) < ($1.isController ? 0 : 1, $1.name) }
        let failed = failing.filter { $0.status.isFailure }
        let count = Double(failing.count)
        let status: PluginStatus = critical.alerts(count) ? .critical : warning.alerts(count) ? .warning : .ok

        // A mapping is named by its SE's uuid; the SE's name is what operators know.
        let engineNames = Dictionary((snapshot.serviceEngines.value ?? []).map { ($0.uuid, $0.name) }, uniquingKeysWith: { first, _ in first })
        func label(_ mapping: SecureChannelMapping) -> String { engineNames[mapping.uuid] ?? engineNames[mapping.name] ?? mapping.name }

        var summary: String
        if failing.isEmpty {
            summary = mappings.isEmpty ? "no secure-channel mappings" : "all \(mappings.count) mappings authenticated"
        } else {
            let listed = failing.prefix(Self.namesInSummary).map { "\(label($0)) \($0.status.short)" }.joined(separator: ", ")
            let more = failing.count > Self.namesInSummary ? " and \(failing.count - Self.namesInSummary) more" : ""
            summary = "\(failing.count) of \(mappings.count) \(mappings.count == 1 ? "mapping" : "mappings") not authenticated: \(listed)\(more)"
        }
        let controllers = failing.filter(\.isController).count
        if controllers > 0 { summary += " (\(controllers) controller \(controllers == 1 ? "node" : "nodes"))" }

        let perfData = [
            PerfDatum("not_authenticated", failing.count, warning: warning.description, critical: critical.description,
                      maximum: mappings.count),
            PerfDatum("failed", failed.count, maximum: mappings.count),
            PerfDatum("authenticated", mappings.count - failing.count, maximum: mappings.count),
            PerfDatum("total", mappings.count),
        ]
        let details = failing.map { mapping in
            let name = label(mapping) == mapping.name ? mapping.name : "\(label(mapping)) (\(mapping.name))"
            return "\(mapping.isController ? "controller" : "SE") \(name) \(mapping.status.rawValue)"
                + (mapping.ip.map { " ip \($0)" } ?? "") + (mapping.localIP.map { " local \($0)" } ?? "")
        }
        return CheckResult(service: Self.service, status: status, summary: summary, perfData: perfData, details: details)
    }
}

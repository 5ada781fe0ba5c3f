/// `check ... --all` (DESIGN.md, "Several clusters"): one plugin line for the worst state, a
/// long-output line per profile (worst first), perfdata labels prefixed with the profile
/// (`prod-ams_expired`); the exit code is the worst in the order CRITICAL > WARNING > UNKNOWN > OK
/// — not the numeric order of the codes, in which UNKNOWN (3) would outrank CRITICAL (2).
public enum FleetCheck {
    /// How bad a state is for the fleet's verdict: CRITICAL > WARNING > UNKNOWN > OK.
    public static func severity(_ status: PluginStatus) -> Int {
        switch status {
        case .ok: return 0
        case .unknown: return 1
        case .warning: return 2
        case .critical: return 3
        }
    }

    /// Combines one result per profile (`results` in any order) into the fleet's result.
    public static func combine(service: String, _ results: [(profile: String, result: CheckResult)]) -> CheckResult {
        let sorted = results.sorted { (-severity($0.result.status), $0.profile) < (-severity($1.result.status), $1.profile) }
        let worst = sorted.first?.result.status ?? .unknown
        var counts: [PluginStatus: [String]] = [:]
        for item in sorted { counts[item.result.status, default: []].append(item.profile) }
        var parts: [String] = []
        for status in [PluginStatus.critical, .warning, .unknown] {
            guard let names = counts[status], !names.isEmpty else { continue }
            let shown = names.prefix(3).joined(separator: ", ") + (names.count > 3 ? ", +\(names.count - 3) more" : "")
            parts.append("\(names.count) \(status.label) (\(shown))")
        }
        let okCount = counts[.ok]?.count ?? 0
        let summary: String
        if results.isEmpty {
            summary = "no cluster selected"
        } else if parts.isEmpty {
            summary = results.count == 1 ? "the 1 cluster is OK" : "all \(results.count) clusters OK"
        } else {
            summary = "\(results.count) clusters: " + parts.joined(separator: ", ") + (okCount > 0 ? ", \(okCount) OK" : "")
        }
        var perfData: [PerfDatum] = []
        for item in sorted {
            for datum in item.result.perfData {
                var prefixed = datum
                prefixed.label = "\(item.profile)_\(datum.label)"
                perfData.append(prefixed)
            }
        }
        let details = sorted.map { "\($0.profile): \($0.result.status.label) - \($0.result.summary)" }
        return CheckResult(service: service, status: worst, summary: summary, perfData: perfData, details: details)
    }
}

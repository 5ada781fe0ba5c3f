import AviAPI
import Foundation

/// The human form of `status`: one block per area, each saying when its data could not be
/// read. Controller strings are made safe (no control characters reach the terminal);
/// colour only when asked (a terminal without NO_COLOR), so a pipe gets plain text.
public enum StatusText {
    /// Rows listed under a block before "… and N more".
    static let listLimit = 10

    public static func render(_ snapshot: Snapshot, now: Date, color: Bool) -> String {
        let report = StatusReport(snapshot, now: now)
        let overview = OverviewSummary(snapshot, now: now)
        let paint = Painter(enabled: color)
        let safe = SafeText.sanitize
        var blocks: [[String]] = []

        // Controller
        var head = paint.title("Controller") + "  \(safe(report.controller ?? "?"))  version \(safe(report.version ?? "?"))"
        if let api = report.apiVersion, api != report.version { head += " (API \(safe(api)))" }
        head += "  user \(safe(report.user))@\(safe(report.tenant))"
        blocks.append([head])

        // Cluster
        var cluster: [String] = []
        if snapshot.clusterRuntime.value == nil {
            cluster.append(paint.title("Cluster") + "  " + paint.bad("not read: \(safe(snapshot.clusterRuntime.error ?? "no answer"))"))
        } else {
            let state = short(report.cluster.state ?? "state unknown", "CLUSTER_")
            let active = overview.nodesActive ?? 0, total = overview.nodesTotal ?? 0
            let quorum: String
            switch overview.hasQuorum {
            case true?: quorum = paint.good("quorum, \(active) of \(total) nodes active")
            case false?: quorum = paint.bad("NO QUORUM, \(active) of \(total) nodes active")
            case nil: quorum = paint.warn("quorum unknown: the runtime lists no node")
            }
            cluster.append(paint.title("Cluster") + "  \(safe(report.cluster.name ?? ""))  \(safe(state))  \(quorum)")
            let nameWidth = min(30, (report.cluster.nodes ?? []).map { label(for: $0).count }.max() ?? 0)
            for node in report.cluster.nodes ?? [] {
                let nodeState = short(node.state ?? "unknown", "CLUSTER_")
                let painted = node.state == NodeState.active.rawValue ? paint.good(nodeState) : paint.bad(nodeState)
                let role = short(node.role ?? "", "CLUSTER_")
                let since = node.upSince.map { "up since \($0)" } ?? ""
                cluster.append("  \(pad(safe(label(for: node)), nameWidth))  \(pad(safe(role), 8))  \(pad(painted, 8, visible: nodeState.count))  \(since)")
            }
        }
        blocks.append(cluster)

        // Service Engines
        var engines: [String] = []
        if snapshot.serviceEngines.value == nil {
            engines.append(paint.title("Service Engines") + "  " + paint.bad("not read: \(safe(snapshot.serviceEngines.error ?? "no answer"))"))
        } else {
            let notUp = (report.serviceEngines ?? []).filter { $0.operState != "OPER_UP" }
            engines.append(paint.title("Service Engines") + "  \(report.serviceEngines?.count ?? 0) total, " + paint.good("\(overview.serviceEnginesUp ?? 0) up")
                           + ", " + (notUp.isEmpty ? "none down" : paint.bad("\(notUp.count) not up")))
            for engine in notUp.prefix(listLimit) {
                let state = short(engine.operState ?? "state unknown", "OPER_")
                let link = engine.connected == false ? ", disconnected" : ""
                let text = state + link
                engines.append("  \(pad(safe(engine.name), 28))  \(pad(paint.bad(text), 20, visible: text.count))  \(safe(engine.mgmtIP ?? ""))")
            }
            if notUp.count > listLimit { engines.append("  … and \(notUp.count - listLimit) more") }
        }
        blocks.append(engines)

        // Secure channel
        var channel: [String] = []
        if snapshot.secureChannel.value == nil {
            channel.append(paint.title("Secure channel") + "  " + paint.bad("not read: \(safe(snapshot.secureChannel.error ?? "no answer"))"))
        } else {
            let names = Dictionary((report.serviceEngines ?? []).map { ($0.uuid, $0.name) }, uniquingKeysWith: { first, _ in first })
            let failing = (report.secureChannel ?? []).filter { !$0.authenticated }
            let total = overview.mappingsTotal ?? 0
            channel.append(paint.title("Secure channel") + "  \(total) \(total == 1 ? "mapping" : "mappings"), "
                           + (failing.isEmpty ? paint.good("all authenticated") : paint.warn("\(failing.count) not authenticated")))
            for mapping in failing.prefix(listLimit) {
                let who = mapping.isController ? "controller \(mapping.name)" : (names[mapping.uuid] ?? mapping.name)
                let status = short(mapping.status, "SECURE_CHANNEL_")
                channel.append("  \(pad(safe(who), 28))  \(pad(paint.warn(safe(status)), 20, visible: status.count))  \(safe(mapping.localIP ?? ""))")
            }
            if failing.count > listLimit { channel.append("  … and \(failing.count - listLimit) more") }
        }
        blocks.append(channel)

        // Certificates
        var certificates: [String] = []
        if snapshot.certificates.value == nil {
            certificates.append(paint.title("Certificates") + "  " + paint.bad("not read: \(safe(snapshot.certificates.error ?? "no answer"))"))
        } else {
            let buckets = overview.certificatesByBucket ?? [:]
            func count(_ bucket: ExpiryBucket, _ text: String, _ style: (String) -> String) -> String {
                let n = buckets[bucket] ?? 0
                return n == 0 ? "\(n) \(text)" : style("\(n) \(text)")
            }
            certificates.append(paint.title("Certificates") + "  \(report.certificates?.count ?? 0) total: " + count(.expired, "expired", paint.bad)
                                + ", " + count(.critical, "within 7 days", paint.bad) + ", " + count(.warning, "within 30 days", paint.warn))
            let urgent = (report.certificates ?? []).filter { ($0.daysLeft ?? Int.max) <= 30 }
                .sorted { ($0.daysLeft ?? 0, $0.name) < ($1.daysLeft ?? 0, $1.name) }
            let nameWidth = min(40, urgent.prefix(listLimit).map(\.name.count).max() ?? 0)
            for certificate in urgent.prefix(listLimit) {
                let days = certificate.daysLeft ?? 0
                let notAfter = snapshot.certificates.value?.first { $0.uuid == certificate.uuid }?.notAfter
                let text = notAfter.map { ExpiryText.left(notAfter: $0, now: now) } ?? "expiry unknown"
                let uses = certificate.usedFor.isEmpty ? "" : "  used by \(certificate.usedFor.prefix(3).map(safe).joined(separator: ", "))"
                    + (certificate.usedFor.count > 3 ? " +\(certificate.usedFor.count - 3)" : "")
                let painted = days <= 7 ? paint.bad(text) : paint.warn(text)
                certificates.append("  \(pad(safe(certificate.name), nameWidth))  \(pad(painted, 16, visible: text.count))\(uses)")
            }
            if urgent.count > listLimit { certificates.append("  … and \(urgent.count - listLimit) more") }
        }
        blocks.append(certificates)

        // Alerts
        var alerts: [String] = []
        if snapshot.alerts.value == nil {
            alerts.append(paint.title("Alerts") + "  " + paint.bad("not read: \(safe(snapshot.alerts.error ?? "no answer"))"))
        } else {
            let levels = overview.alertsByLevel ?? [:]
            let high = levels[.high] ?? 0, medium = levels[.medium] ?? 0
            alerts.append(paint.title("Alerts") + "  \(report.alerts?.count ?? 0) total: " + (high > 0 ? paint.bad("\(high) high") : "0 high") + ", "
                          + (medium > 0 ? paint.warn("\(medium) medium") : "0 medium") + ", \(levels[.low] ?? 0) low")
            for alert in (snapshot.alerts.value ?? []).prefix(5) { alerts.append("  " + AlertLine.text(alert)) }
        }
        blocks.append(alerts)

        // Anything else that failed (clouds, virtual services, the system configuration).
        let shown: Set = ["cluster", "service engines", "secure channel", "certificates", "alerts"]
        let others = report.errors.filter { !shown.contains($0.resource) }
        if !others.isEmpty {
            blocks.append(others.map { paint.bad("! \($0.resource) not read: \(safe($0.error))") })
        }
        let lines = blocks.map { block in block.map(trimmingTrailingSpaces).joined(separator: "\n") }
        return lines.joined(separator: "\n\n") + "\n"
    }

    private static func trimmingTrailingSpaces(_ line: String) -> String {
        var line = line
        while line.hasSuffix(" ") { line.removeLast() }
        return line
    }

    private static func label(for node: StatusReport.Node) -> String {
        guard let ip = node.ip, ip != node.name else { return node.name }
        return "\(node.name) (\(ip))"
    }

    private static func short(_ raw: String, _ prefix: String) -> String {
        raw.hasPrefix(prefix) ? String(raw.dropFirst(prefix.count)) : raw
    }

    /// Pads to a column; `visible` is the width without colour codes.
    private static func pad(_ text: String, _ width: Int, visible: Int? = nil) -> String {
        let length = visible ?? text.count
        return length >= width ? text : text + String(repeating: " ", count: width - length)
    }
}

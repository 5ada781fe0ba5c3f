import AviAPI
import Foundation

/// The human form of `status`: one block per area. Controller strings are made safe
/// (no control characters reach the terminal); colour only when asked.
public enum StatusText {
    public static func render(_ snapshot: Snapshot, now: Date, color: Bool) -> String {
        let report = StatusReport(snapshot, now: now)
        let overview = OverviewSummary(snapshot, now: now)
        func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        func bad(_ text: String) -> String { paint(text, "31;1") }
        func warn(_ text: String) -> String { paint(text, "33") }
        func good(_ text: String) -> String { paint(text, "32") }
        func title(_ text: String) -> String { paint(text, "1") }
        let safe = PlainText.safe

        var lines: [String] = []
        lines.append(title("Controller") + "  \(safe(report.controller))  version \(safe(report.version ?? "?"))  " +
                     "user \(safe(report.user))@\(safe(report.tenant))" + (report.readOnly ? "  READ-ONLY" : ""))
        lines.append("")
        let state = report.cluster.state ?? "unknown"
        let quorum = overview.hasQuorum ? good("quorum \(overview.nodesActive) of \(overview.nodesTotal)")
            : bad("NO QUORUM (\(overview.nodesActive) of \(overview.nodesTotal) active)")
        lines.append(title("Cluster") + "  \(safe(state))  \(quorum)")
        for node in report.cluster.nodes {
            let nodeState = node.state ?? "unknown"
            let painted = nodeState == NodeState.active.rawValue ? good(nodeState) : bad(nodeState)
            lines.append("  \(pad(safe(node.name), 18)) \(pad(safe(node.ip ?? ""), 16)) \(pad(safe(node.role ?? ""), 17)) \(painted)  up since \(node.upSince ?? "-")")
        }
        lines.append("")
        lines.append(title("Service Engines") + "  \(report.serviceEngines.count) total, " + good("\(overview.serviceEnginesUp) up") + ", " +
                     (overview.serviceEnginesDown > 0 ? bad("\(overview.serviceEnginesDown) not up") : "0 not up"))
        lines.append(title("Secure channel") + "  \(overview.mappingsTotal) mappings, " +
                     (overview.mappingsNotAuthenticated > 0 ? warn("\(overview.mappingsNotAuthenticated) not authenticated")
                                                            : good("all authenticated")))
        for (status, count) in overview.mappingsByStatus {
            lines.append("  \(pad(safe(status.short), 22)) \(count)")
        }
        lines.append("")
        let buckets = overview.certificatesByBucket
        lines.append(title("Certificates") + "  \(report.certificates.count) total: " +
                     bad("\(buckets[.expired] ?? 0) expired") + ", " + bad("\(buckets[.critical] ?? 0) within 7 days") + ", " +
                     warn("\(buckets[.warning] ?? 0) within 30 days"))
        let urgent = report.certificates.filter { ($0.daysLeft ?? Int.max) <= 30 }.sorted { ($0.daysLeft ?? 0) < ($1.daysLeft ?? 0) }
        for certificate in urgent.prefix(10) {
            let days = certificate.daysLeft.map { $0 < 0 ? "expired \(-$0) d ago" : "\($0) d left" } ?? "?"
            let uses = certificate.usedFor.isEmpty ? "" : "  used by \(certificate.usedFor.prefix(3).map(safe).joined(separator: ", "))"
            lines.append("  \(pad(safe(certificate.name), 40)) \((certificate.daysLeft ?? 0) < 8 ? bad(days) : warn(days))\(uses)")
        }
        if urgent.count > 10 { lines.append("  … and \(urgent.count - 10) more") }
        lines.append("")
        lines.append(title("Alerts") + "  " + bad("\(overview.alertsByLevel[.high] ?? 0) high") + ", " +
                     warn("\(overview.alertsByLevel[.medium] ?? 0) medium") + ", \(overview.alertsByLevel[.low] ?? 0) low")
        for alert in report.alerts.prefix(5) {
            lines.append("  \(alert.time ?? "-") \(pad(String(alert.level.dropFirst(6)), 6)) \(safe(alert.object ?? "")): \(safe(alert.summary ?? ""))")
        }
        if !report.errors.isEmpty {
            lines.append("")
            for error in report.errors { lines.append(bad("! \(error.resource): \(safe(error.error))")) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}

/// Makes a controller string safe for a plain terminal line: control characters,
/// escape sequences and bidi overrides never reach the terminal.
public enum PlainText {
    public static func safe(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var iterator = text.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            switch scalar.value {
            case 0x1B:  // ESC: drop the whole sequence
                guard let next = iterator.next() else { break }
                if next == "[" {
                    while let c = iterator.next(), !(0x40...0x7E).contains(c.value) {}
                } else if next == "]" || next == "P" || next == "_" || next == "^" {
                    var previous: Unicode.Scalar?
                    while let c = iterator.next() {
                        if c.value == 0x07 || (previous?.value == 0x1B && c == "\\") { break }
                        previous = c
                    }
                }
            case 0x09, 0x0A, 0x0D: out.append(" ")
            case 0x00...0x1F, 0x7F...0x9F: continue
            case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: continue
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}

import AviAPI
import Console
import Foundation

/// Overview: cluster state and quorum with its nodes; Service Engines up and
/// down; secure-channel mappings by status; certificate expiry buckets and
/// the secure-channel certificate; alerts by level; the newest alerts. On
/// wide terminals the certificates expiring soonest are listed on the right.
/// Every count of something wrong opens its list: Up/Down select one,
/// Enter opens that screen filtered to exactly those rows.
public enum OverviewScreen {
    static let labelWidth = 18
    /// Wide enough for the second column.
    static let twoColumnWidth = 130

    /// Draws the Overview; returns the counts it drew that open a list, in reading order.
    @discardableResult
    public static func render(state: UIState, into canvas: inout Canvas, area: Rect, context: ViewContext) -> [DrillTarget] {
        let styles = context.styles
        canvas.fill(area, style: styles[.normal])
        guard !area.isEmpty else { return [] }
        let snapshot = context.snapshot
        let overview = context.overview
        var left = area
        if area.width >= twoColumnWidth {
            let rightWidth = min(72, area.width * 2 / 5)
            left = area.left(area.width - rightWidth - 2)
            let right = Rect(x: left.maxX + 2, y: area.y, width: rightWidth, height: area.height)
            renderExpiringCertificates(into: &canvas, area: right.top(max(0, area.height / 2)), context: context)
        }
        var lines: [[TextSegment]] = []
        lines.append(clusterLine(snapshot, overview: overview, now: context.now))
        lines += nodeLines(snapshot, now: context.now)
        lines.append([])
        lines.append(labelled("Service Engines", serviceEngineSegments(snapshot, overview: overview)))
        lines.append(labelled("Secure channel", secureChannelSegments(snapshot, overview: overview)))
        lines.append(labelled("Certificates", certificateSegments(context, overview: overview)))
        lines.append(labelled("  channel cert", channelCertificateSegments(context, state: state)))
        lines.append(labelled("Alerts", alertSegments(snapshot, overview: overview)))
        var targets: [DrillTarget] = []
        var row = 0
        for line in lines {
            // Laid out first, so only counts that are on screen can be selected.
            for var fitted in wrapped(line, width: left.width, ellipsis: canvas.glyphs.ellipsis) where row < area.height {
                for position in fitted.indices {
                    guard let target = fitted[position].target else { continue }
                    if targets.count == state.overviewSelection { fitted[position].role = .selection }
                    targets.append(target)
                }
                canvas.draw(segments: fitted, in: left.row(row), styles: styles)
                row += 1
            }
        }
        let alertsTop = row + 1
        if area.height > alertsTop + 2 {
            renderNewestAlerts(into: &canvas, area: area.droppingTop(alertsTop), context: context)
        }
        return targets
    }

    static func labelled(_ label: String, _ segments: [TextSegment]) -> [TextSegment] {
        [TextSegment(" " + label.padding(toLength: labelWidth - 1, withPad: " ", startingAt: 0), .accent)] + segments
    }

    static let dot = TextSegment(" · ", .muted)

    /// A labelled line laid out in `width`: good news (ok, muted) is dropped
    /// first (`+N more`); if the counts of something wrong still do not fit,
    /// they continue on the next line under the label rather than being hidden.
    static func wrapped(_ line: [TextSegment], width: Int, ellipsis: String) -> [[TextSegment]] {
        let single = TextSegment.fitted(line, width: width, ellipsis: ellipsis)
        guard TextSegment.totalWidth(line) > width, let label = line.first, label.role == .accent,
              DisplayWidth.of(label.text) == labelWidth, width > labelWidth + 8 else { return [single] }
        var items: [[TextSegment]] = [[]]
        for segment in line.dropFirst() {
            if segment.isSeparator, !(items.last?.isEmpty ?? true) { items.append([]) }
            items[items.count - 1].append(segment)
        }
        let kept = items.enumerated().filter { $0.offset == 0 || TextSegment.importance($0.element) > 0 }.map(\.element)
        let dropped = items.count - kept.count
        let more = dropped > 0 ? [dot, TextSegment("+\(dropped) more", .muted)] : []
        if labelWidth + TextSegment.totalWidth(kept.joined()) + TextSegment.totalWidth(more) <= width { return [single] }
        let room = width - labelWidth
        var rows: [[TextSegment]] = [[]]
        for item in kept {
            let current = rows[rows.count - 1]
            if !current.isEmpty && TextSegment.totalWidth(current) + TextSegment.totalWidth(item) > room {
                rows.append(Array(item.drop { $0.isSeparator }))
            } else {
                rows[rows.count - 1] += current.isEmpty ? Array(item.drop { $0.isSeparator }) : item
            }
        }
        // The note never pushes a count out: it goes to a line of its own when the last is full.
        if TextSegment.totalWidth(rows[rows.count - 1]) + TextSegment.totalWidth(more) > room {
            rows.append(Array(more.drop { $0.isSeparator }))
        } else {
            rows[rows.count - 1] += more
        }
        let indent = TextSegment(String(repeating: " ", count: labelWidth), .normal)
        return rows.enumerated().map { index, row in
            TextSegment.fitted([index == 0 ? label : indent] + row, width: width, ellipsis: ellipsis)
        }
    }

    static func clusterLine(_ snapshot: Snapshot, overview: OverviewSummary, now: Date) -> [TextSegment] {
        let runtime = snapshot.clusterRuntime.value
        guard runtime != nil else {
            return labelled("Cluster", [TextSegment(ScreenText.empty(snapshot.clusterRuntime, noun: "the cluster state", now: now),
                                                    snapshot.clusterRuntime.error == nil ? .muted : .error)])
        }
        let state = overview.clusterState
        let name = Words.short(state, dropping: "CLUSTER_").isEmpty ? "state unknown" : Words.short(state, dropping: "CLUSTER_")
        if snapshot.clusterRuntime.error != nil {
            // The controller stopped answering: the last values, marked as such, never as current.
            let age = snapshot.clusterRuntime.fetchedAt.map { " (\(Words.ago($0, now: now)))" } ?? ""
            return labelled("Cluster", [TextSegment("last known: \(name)\(age)", .warning), dot,
                                        TextSegment(ClusterScreen.quorumText(overview), .muted)])
        }
        var segments = [TextSegment(name, state == .upHAActive || state == .upNoHA ? .ok : .warning), dot]
        let notActive = (overview.nodesTotal ?? 0) - (overview.nodesActive ?? 0)
        var quorum = ClusterScreen.quorumSegment(overview)
        if overview.hasQuorum == true && notActive > 0 { quorum.role = .warning }
        if notActive > 0 { quorum.target = DrillTarget(label: "\(notActive) not active", screen: .cluster, filter: "state:!=active") }
        segments.append(quorum)
        if let leader = overview.leader { segments += [dot, TextSegment("leader ", .muted), TextSegment(leader, .normal)] }
        return labelled("Cluster", segments)
    }

    static func nodeLines(_ snapshot: Snapshot, now: Date) -> [[TextSegment]] {
        ClusterScreen.nodes(snapshot).prefix(5).map { node in
            let role = node.state?.role
            let roleText = role == .leader ? "leader" : role == .follower ? "follower" : "?"
            let state = node.state?.state.map { Words.short($0, dropping: "CLUSTER_") } ?? "unknown"
            let up = node.state?.upSinceDate.map { "up " + Durations.short(now.timeIntervalSince($0)) } ?? ""
            return [TextSegment("   " + TextLayout.fitted(node.name, toWidth: 18) + " ", .normal),
                    TextSegment(TextLayout.fitted(node.ip ?? "", toWidth: 16) + " ", .muted),
                    TextSegment(TextLayout.fitted(roleText, toWidth: 9) + " ", role == .leader ? .accent : .normal),
                    TextSegment(TextLayout.fitted(state, toWidth: 12) + " ", ClusterScreen.stateRole(node.state?.state)),
                    TextSegment(up, .muted)]
        }
    }

    static func serviceEngineSegments(_ snapshot: Snapshot, overview: OverviewSummary) -> [TextSegment] {
        guard let engines = snapshot.serviceEngines.value, let up = overview.serviceEnginesUp, let down = overview.serviceEnginesDown,
              let disconnected = overview.serviceEnginesDisconnected else { return ScreenText.unknown(snapshot.serviceEngines) }
        return [TextSegment("\(engines.count) total", .normal), dot,
                TextSegment("\(up) up", up > 0 ? .ok : .muted), dot,
                count(down, "not up", .critical, screen: .serviceEngines, filter: "state:!=up"), dot,
                count(disconnected, "disconnected", .critical, screen: .serviceEngines, filter: "conn:=no")]
    }

    static func secureChannelSegments(_ snapshot: Snapshot, overview: OverviewSummary) -> [TextSegment] {
        guard let total = overview.mappingsTotal, let notAuthenticated = overview.mappingsNotAuthenticated else {
            return ScreenText.unknown(snapshot.secureChannel)
        }
        let authenticated = total - notAuthenticated
        var segments = [TextSegment("\(total) mappings", .normal), dot,
                        TextSegment("\(authenticated) authenticated", authenticated > 0 ? .ok : .muted)]
        for (status, count) in overview.mappingsByStatus where !status.isAuthenticated {
            segments += [dot, TextSegment("\(count) \(status.short)", SecureChannelScreen.role(for: status),
                                          opens: DrillTarget(label: "\(count) \(status.short)", screen: .secureChannel,
                                                             filter: "status:=\(status.short)"))]
        }
        return segments
    }

    static func certificateSegments(_ context: ViewContext, overview: OverviewSummary) -> [TextSegment] {
        guard let certificates = context.snapshot.certificates.value, let buckets = overview.certificatesByBucket else {
            return ScreenText.unknown(context.snapshot.certificates)
        }
        let expired = buckets[.expired] ?? 0, critical = buckets[.critical] ?? 0, warning = buckets[.warning] ?? 0
        var segments = [TextSegment("\(certificates.count) total", .normal), dot,
                        count(expired, "expired", .expired, screen: .certificates, filter: "days:<0"), dot,
                        count(critical, "within 7 d", .critical, screen: .certificates, filter: "days:>=0 days:<=7"), dot,
                        count(warning, "within 30 d", .warning, screen: .certificates, filter: "days:>7 days:<=30")]
        // A certificate whose not_before is ahead would be rejected by peers: never hidden under "later".
        let notYet = context.expiryIndex.notYetValid(now: context.now)
        if notYet > 0 { segments += [dot, count(notYet, "not yet valid", .warning, screen: .certificates, filter: "expiry:=\"not yet valid\"")] }
        return segments + [dot, TextSegment("\(buckets[.ok] ?? 0) later", .muted)]
    }

    static func channelCertificateSegments(_ context: ViewContext, state: UIState) -> [TextSegment] {
        let snapshot = context.snapshot
        var segments: [TextSegment] = []
        // Found once per certificate change, not by a scan of 5,000 certificates every frame.
        let index = context.cache.derived("secure channel certificate", stamp: snapshot.certificatesVersion) {
            (snapshot.certificates.value ?? []).firstIndex { snapshot.certificateUsage.isSecureChannel($0) }
        }
        if let index, let certificates = snapshot.certificates.value, certificates.indices.contains(index) {
            let certificate = certificates[index]
            let row = CertificateRow(certificate, usage: snapshot.certificateUsage, now: context.now)
            let days = certificate.notAfter.map { ExpiryText.left(notAfter: $0, now: context.now) } ?? "expiry unknown"
            let text = row.notYetValid && row.bucket != .expired ? "not yet valid" : days
            segments += [TextSegment(certificate.name, .normal), dot, TextSegment(text, CertificatesScreen.role(for: row) ?? .ok)]
        } else {
            segments += snapshot.certificates.value == nil ? ScreenText.unknown(snapshot.certificates) : [TextSegment("not found", .muted)]
        }
        if state.readOnlyReason != nil {
            // Short, so it fits beside the certificate; `w` gives the reason.
            segments += [dot, TextSegment("rotation disabled: read-only", .muted)]
        } else {
            segments += [dot, TextSegment("w", .accent), TextSegment(" rotate", .muted)]
        }
        return segments
    }

    static func alertSegments(_ snapshot: Snapshot, overview: OverviewSummary) -> [TextSegment] {
        guard let alerts = snapshot.alerts.value, let levels = overview.alertsByLevel else { return ScreenText.unknown(snapshot.alerts) }
        let high = levels[.high] ?? 0, medium = levels[.medium] ?? 0
        return [TextSegment("\(alerts.count) total", .normal), dot,
                count(high, "high", .critical, screen: .alerts, filter: "level:=high"), dot,
                count(medium, "medium", .warning, screen: .alerts, filter: "level:=medium"), dot,
                TextSegment("\(levels[.low] ?? 0) low", .muted)]
    }

    /// "3 not up" in `role` and opening its list when there are any; a muted "0 not up" otherwise.
    static func count(_ value: Int, _ noun: String, _ role: ThemeRole, screen: ScreenID, filter: String) -> TextSegment {
        let label = "\(value) \(noun)"
        guard value > 0 else { return TextSegment(label, .muted) }
        return TextSegment(label, role, opens: DrillTarget(label: label, screen: screen, filter: filter))
    }

    /// The newest alerts, as many as fit.
    static func renderNewestAlerts(into canvas: inout Canvas, area: Rect, context: ViewContext) {
        let styles = context.styles
        let alerts = context.snapshot.alerts.value ?? []
        canvas.draw(segments: [TextSegment(" Newest alerts", .accent), TextSegment("  (6 for all)", .muted)], in: area.row(0), styles: styles)
        StaticTableView.render(columns: AlertsScreen.columns, rowCount: alerts.count,
                               emptyMessage: ScreenText.empty(context.snapshot.alerts, noun: "alerts", now: context.now),
                               into: &canvas, area: area.droppingTop(1), styles: styles) { AlertsScreen.row(alerts[$0]) }
    }

    /// Wide terminals: the certificates that expire first.
    static func renderExpiringCertificates(into canvas: inout Canvas, area: Rect, context: ViewContext) {
        guard area.height >= 3 else { return }
        let styles = context.styles
        // The order is by not_after, which does not move with the clock: sorted once per
        // certificate change; only the rows on screen are made (days left at this moment).
        let snapshot = context.snapshot
        let certificates = snapshot.certificates.value ?? []
        let index = context.expiryIndex
        guard index.count == certificates.count else { return }  // made from this very list
        let order = index.soonestFirst
        canvas.draw(segments: [TextSegment(" Expiring soonest", .accent), TextSegment("  (5 for all)", .muted)], in: area.row(0), styles: styles)
        let columns = [TableColumn("Certificate", width: 20, flex: 1), TableColumn("Days", width: 5, alignment: .right),
                       TableColumn("Used by", width: 14, flex: 1)]
        StaticTableView.render(columns: columns, rowCount: order.count, emptyMessage: "no certificates", into: &canvas,
                               area: area.droppingTop(1), styles: styles) { index in
            let row = CertificateRow(certificates[order[index]], usage: snapshot.certificateUsage, now: context.now)
            let role = CertificatesScreen.role(for: row)
            return [TableCell(row.name, role: role), TableCell(row.daysLeft.map(String.init) ?? "?", role: role),
                    TableCell(CertificatesScreen.usedByText(row.usedFor), role: role ?? .muted)]
        }
    }
}

import AviAPI
import Console
import Foundation

/// Cluster: the controller nodes (name, IP, role, state, up since) and,
/// below them, what the cluster runtime says about its services.
public enum ClusterScreen {
    public static let columns = [
        TableColumn("Name", width: 20, flex: 2, priority: 0, growsToContent: true),
        TableColumn("IP", width: 15, flex: 1, priority: 3),
        TableColumn("Role", width: 8, flex: 1, priority: 2),
        TableColumn("State", width: 12, flex: 1, priority: 1),
        TableColumn("Up since (UTC)", width: 19, flex: 1, priority: 5),
        TableColumn("Up for", width: 7, flex: 1, priority: 4),
    ]

    static let serviceColumns = [
        TableColumn("Service", width: 24, flex: 1),
        TableColumn("State", width: 16, flex: 1),
        TableColumn("Nodes", width: 20, flex: 2),
    ]

    /// A node as configured and as the runtime reports it.
    public struct Node: Sendable {
        public var name: String
        public var ip: String?
        public var state: ClusterNodeState?
        public var configured: ClusterNode?
    }

    static func nodes(_ snapshot: Snapshot) -> [Node] {
        let config = snapshot.clusterConfig.value?.nodes ?? []
        var nodes: [Node] = (snapshot.clusterRuntime.value?.nodeStates ?? []).map { state in
            let configured = config.first { $0.name == state.name || ($0.ip?.addr != nil && $0.ip?.addr == state.mgmtIP) }
            return Node(name: state.name, ip: configured?.ip?.addr ?? state.mgmtIP, state: state, configured: configured)
        }
        // Configured nodes the runtime does not list are shown, not hidden.
        for node in config where !nodes.contains(where: { $0.configured.map { $0.name == node.name && $0.ip == node.ip } ?? false }) {
            nodes.append(Node(name: node.name ?? node.ip?.addr ?? "?", ip: node.ip?.addr, state: nil, configured: node))
        }
        return nodes
    }

    static func stateRole(_ state: NodeState?) -> ThemeRole {
        switch state {
        case .some(.active): return .ok
        case .some(.failure), .some(.inactive): return .critical
        case .none: return .warning  // unknown, not failed
        default: return .warning
        }
    }

    public static func row(_ node: Node, now: Date) -> [TableCell] {
        let role = node.state?.role
        let up = node.state?.upSinceDate
        return [
            TableCell(node.name),
            TableCell(node.ip ?? ""),
            TableCell(role == .leader ? "leader" : role == .follower ? "follower" : Words.short(role, dropping: "CLUSTER_"),
                      role: role == .leader ? .accent : nil),
            TableCell(node.state?.state.map { Words.short($0, dropping: "CLUSTER_") } ?? "unknown", role: stateRole(node.state?.state)),
            TableCell(Words.time(up)),
            TableCell(up.map { Durations.short(now.timeIntervalSince($0)) } ?? "", role: .muted),
        ]
    }

    static func sortKey(_ node: Node, column: Int) -> SortKey {
        switch column {
        case 0: return .string(node.name)
        case 1: return .address(node.ip)
        case 2: return .string(node.state?.role?.rawValue)
        case 3: return .worstFirst(Severity(role: stateRole(node.state?.state)), node.state?.state?.rawValue)
        default: return .date(node.state?.upSinceDate)
        }
    }

    public static func detail(_ node: Node) -> [DetailPane.Item] {
        var fields = [DetailPane.Item.section("Node"), DetailPane.Item("name", node.name), DetailPane.Item("IP", node.ip ?? "")]
        if let state = node.state {
            fields.append(DetailPane.Item.section("Runtime (cluster/runtime node_states)"))
            fields += DetailItems.fields(of: state)
        } else {
            fields.append(DetailPane.Item("runtime", "the cluster runtime does not list this node"))
        }
        if let configured = node.configured {
            fields.append(DetailPane.Item.section("Configuration (cluster nodes)"))
            fields += DetailItems.fields(of: configured)
        }
        return fields
    }

    public static func table(_ context: ViewContext) -> ResourceTable<Node> {
        let now = context.now
        let snapshot = context.snapshot
        var table = ResourceTable(
            screen: .cluster, columns: columns, items: nodes(snapshot), generation: snapshot.contentVersion,
            id: { $0.name }, row: { row($0, now: now) }, sortKey: sortKey,
            filterFields: { [$0.name, $0.ip ?? "", $0.state?.role?.rawValue ?? "", $0.state?.state?.rawValue ?? ""] },
            detail: detail, emptyMessage: ScreenText.empty(snapshot.clusterRuntime, noun: "cluster nodes", now: now))
        table.severity = { Severity(role: stateRole($0.state?.state)) }
        return table
    }

    public static func summary(_ context: ViewContext) -> [TextSegment] {
        let snapshot = context.snapshot
        let overview = context.overview
        let runtime = snapshot.clusterRuntime.value
        var segments = [TextSegment(" cluster \(snapshot.clusterConfig.value?.name ?? "")", .normal), TextSegment(" · ", .muted)]
        let state = runtime?.clusterState?.state
        segments.append(TextSegment(Words.short(state, dropping: "CLUSTER_").isEmpty ? "state unknown" : Words.short(state, dropping: "CLUSTER_"),
                                    state == .upHAActive || state == .upNoHA ? .ok : .warning))
        segments.append(TextSegment(" · ", .muted))
        segments.append(quorumSegment(overview))
        if let leader = overview.leader { segments += [TextSegment(" · leader ", .muted), TextSegment(leader, .accent)] }
        if let since = runtime?.clusterState?.upSince.flatMap(AviDate.parse) {
            segments.append(TextSegment(" · up \(Durations.short(context.now.timeIntervalSince(since)))", .muted))
        }
        if let progress = runtime?.clusterState?.progress, progress < 100, state != .upHAActive {
            segments.append(TextSegment(" · \(progress)%", .warning))
        }
        return segments
    }

    /// "quorum 2 of 3", "NO QUORUM (1 of 3 active)", or "quorum unknown" while the runtime is
    /// not read or lists no node: never a verdict the data does not support.
    static func quorumSegment(_ overview: OverviewSummary) -> TextSegment {
        switch overview.hasQuorum {
        case true?: return TextSegment(quorumText(overview), .ok)
        case false?: return TextSegment(quorumText(overview), .critical)
        case nil: return TextSegment(quorumText(overview), .warning)
        }
    }

    static func quorumText(_ overview: OverviewSummary) -> String {
        guard let quorum = overview.hasQuorum, let active = overview.nodesActive, let total = overview.nodesTotal else {
            return "quorum unknown"
        }
        return quorum ? "quorum \(active) of \(total)" : "NO QUORUM (\(active) of \(total) active)"
    }

    public static func render(state: UIState, into canvas: inout Canvas, area: Rect, context: ViewContext) -> TableRenderResult {
        let table = table(context)
        let services = context.snapshot.clusterRuntime.value?.serviceStates ?? []
        var nodesArea = area
        var detailOpen = false
        if case .detail = state.overlay { detailOpen = true }
        // The nodes take what they need (summary, header, rows) and the services list gets the
        // rest, except while the detail pane is open: it gets the whole body.
        if !services.isEmpty && !detailOpen {
            nodesArea = area.top(2 + max(1, table.items.count))
        }
        let line = context.summary("cluster") { summary(context) }
        let result = TableScreenView.render(table, summary: line, state: state, into: &canvas, area: nodesArea, context: context)
        guard !detailOpen else { return result }
        let rest = Rect(x: area.x, y: nodesArea.maxY, width: area.width, height: area.maxY - nodesArea.maxY)
        renderServices(services, reason: context.snapshot.clusterRuntime.value?.clusterState?.reason ?? [],
                       into: &canvas, area: rest, styles: context.styles)
        return result
    }

    /// The services list: not selectable, filtered by nothing, cut to fit.
    static func renderServices(_ services: [ClusterServiceState], reason: [String], into canvas: inout Canvas, area: Rect,
                               styles: StyleSheet) {
        guard area.height >= 3 else { return }
        canvas.fill(area, style: styles[.normal])
        var y = area.y + 1
        let reasons = reason.joined(separator: "; ")
        canvas.draw(" Services (\(services.count))" + (reasons.isEmpty ? "" : " — \(reasons)"),
                    in: Rect(x: area.x, y: y, width: area.width, height: 1), style: styles[.accent].adding(.bold))
        y += 1
        StaticTableView.render(columns: serviceColumns, rowCount: services.count, emptyMessage: "no services reported",
                               into: &canvas, area: Rect(x: area.x, y: y, width: area.width, height: area.maxY - y), styles: styles) { index in
            let service = services[index]
            let state = (service.state ?? "").uppercased()
            let up = state.hasSuffix("UP") || state.contains("ACTIVE")
            return [TableCell(service.name), TableCell(service.state ?? "", role: up ? .ok : .warning),
                    TableCell((service.clusterNodes ?? []).joined(separator: ", "), role: .muted)]
        }
    }
}

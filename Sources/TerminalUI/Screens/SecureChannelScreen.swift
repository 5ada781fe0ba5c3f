import AviAPI
import Console
import Foundation

/// Secure Channel: every mapping, controller nodes and Service Engines —
/// name, kind, IP, local IP, status.
public enum SecureChannelScreen {
    public static let columns = [
        TableColumn("Name", width: 18, flex: 2, priority: 0, growsToContent: true),
        // The local IP (the tunnel's loopback end) stays before the kind, which the name already tells.
        TableColumn("Kind", width: 10, flex: 1, priority: 4),
        TableColumn("IP", width: 15, flex: 1, priority: 3),
        TableColumn("Local IP", width: 15, flex: 1, priority: 2),
        TableColumn("Status", width: 20, flex: 1, priority: 1),
    ]

    /// A mapping with the display name of its peer (the mapping's own name is a uuid).
    public struct Entry: Sendable {
        public var mapping: SecureChannelMapping
        public var peerName: String
    }

    /// A failure (AUTH_SSH_FAILED, AUTH_TOKEN_FAILED, AUTH_ERRORS) is the worst; anything
    /// not authenticated (NONE, CONNECTED, IGNORED, unknown) next; authenticated is fine.
    public static func severity(_ status: SecureChannelStatus) -> Severity {
        if status.isAuthenticated { return .ok }
        if status.isFailure { return .failed }
        return .warning
    }

    public static func role(for status: SecureChannelStatus) -> ThemeRole {
        if status.isAuthenticated { return .ok }
        if status.isFailure { return .critical }
        return .warning
    }

    public static func row(_ entry: Entry) -> [TableCell] {
        let mapping = entry.mapping
        return [
            TableCell(entry.peerName),
            TableCell(mapping.isController ? "controller" : "SE", role: .muted),
            TableCell(mapping.ip ?? ""),
            TableCell(mapping.localIP ?? ""),
            TableCell(mapping.status.short + (mapping.markedForDelete ? " (deleting)" : ""), role: role(for: mapping.status)),
        ]
    }

    static func sortKey(_ entry: Entry, column: Int) -> SortKey {
        switch column {
        case 0: return .string(entry.peerName)
        case 1: return .value(entry.mapping.isController ? 0 : 1)
        case 2: return .address(entry.mapping.ip)
        case 3: return .address(entry.mapping.localIP)
        default: return .worstFirst(severity(entry.mapping.status), entry.mapping.status.short)
        }
    }

    public static func detail(_ entry: Entry) -> [DetailPane.Item] {
        [DetailPane.Item.section("Mapping"),
         DetailPane.Item("peer", entry.peerName),
         DetailPane.Item("kind", entry.mapping.isController ? "controller node" : "Service Engine"),
         DetailPane.Item("authenticated", Words.yesNo(entry.mapping.status.isAuthenticated)),
         DetailPane.Item.section("Fields")] + DetailItems.fields(of: entry.mapping)
    }

    /// Names of peers by uuid and by IP: Service Engines and controller nodes.
    static func peerNames(_ snapshot: Snapshot) -> [String: String] {
        var names: [String: String] = [:]
        for node in snapshot.clusterRuntime.value?.nodeStates ?? [] {
            if let ip = node.mgmtIP { names[ip] = node.name }
        }
        for node in snapshot.clusterConfig.value?.nodes ?? [] {
            if let ip = node.ip?.addr, let name = node.name { names[ip] = name }
        }
        for engine in snapshot.serviceEngines.value ?? [] {
            names[engine.uuid] = engine.name
            if let ip = engine.managementIP { names[ip] = engine.name }
        }
        return names
    }

    static func entries(_ context: ViewContext) -> [Entry] {
        let snapshot = context.snapshot
        return context.cache.derived("secure channel entries", stamp: snapshot.enginesVersion) {
            let names = peerNames(snapshot)
            return (snapshot.secureChannel.value ?? []).map { mapping in
                Entry(mapping: mapping, peerName: names[mapping.uuid] ?? names[mapping.name] ?? mapping.ip.flatMap { names[$0] } ?? mapping.name)
            }
        }
    }

    public static func table(_ context: ViewContext) -> ResourceTable<Entry> {
        var table = ResourceTable(
            screen: .secureChannel, columns: columns, items: entries(context), generation: context.snapshot.enginesVersion,
            id: { $0.mapping.uuid }, row: row, sortKey: sortKey,
            filterFields: { [$0.peerName, $0.mapping.ip ?? "", $0.mapping.localIP ?? "", $0.mapping.status.short,
                             $0.mapping.isController ? "controller" : "SE", $0.mapping.uuid] },
            detail: detail, emptyMessage: ScreenText.empty(context.snapshot.secureChannel, noun: "secure-channel mappings", now: context.now))
        table.severity = { severity($0.mapping.status) }
        // `status:=NONE` compares the status alone, without the "(deleting)" note.
        table.cellText = { entry, column in column == 4 ? entry.mapping.status.short : row(entry)[column].text }
        return table
    }

    public static func summary(_ context: ViewContext) -> [TextSegment] {
        if let unknown = ScreenText.unknownSummary(context.snapshot.secureChannel, noun: "mappings") { return unknown }
        let mappings = context.snapshot.secureChannel.value ?? []
        let authenticated = mappings.filter { $0.status.isAuthenticated }.count
        let failed = mappings.filter { $0.status.isFailure }.count
        let other = mappings.count - authenticated - failed
        let controllers = mappings.filter(\.isController).count
        return [
            TextSegment(" \(mappings.count) mappings (\(controllers) controllers, \(mappings.count - controllers) SEs)", .normal),
            TextSegment(" · ", .muted), TextSegment("\(authenticated) authenticated", authenticated > 0 ? .ok : .muted),
            TextSegment(" · ", .muted), TextSegment("\(failed) failed", failed > 0 ? .critical : .muted),
            TextSegment(" · ", .muted), TextSegment("\(other) other", other > 0 ? .warning : .muted),
        ]
    }

    public static func render(state: UIState, into canvas: inout Canvas, area: Rect, context: ViewContext) -> TableRenderResult {
        let line = context.summary("secure channel") { summary(context) }
        return TableScreenView.render(table(context), summary: line, state: state, into: &canvas, area: area, context: context)
    }
}

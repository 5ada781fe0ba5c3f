import AviAPI
import Console
import Foundation

/// Service Engines: name, management IP, oper state, connected, the
/// secure-channel status and local IP, version, SE group and cloud.
public enum ServiceEnginesScreen {
    public static let columns = [
        TableColumn("Name", width: 16, flex: 2, priority: 0, growsToContent: true),
        TableColumn("Mgmt IP", width: 15, flex: 1, priority: 4),
        TableColumn("State", width: 8, flex: 1, priority: 1),
        TableColumn("Conn", width: 4, priority: 3),
        TableColumn("Channel", width: 18, priority: 2),
        TableColumn("Local IP", width: 12, priority: 6),
        TableColumn("Version", width: 12, priority: 5),
        TableColumn("SE group", width: 12, flex: 1, priority: 7),
        TableColumn("Cloud", width: 12, flex: 1, priority: 8),
    ]

    /// A Service Engine with its secure-channel mapping, if the controller has one.
    public struct Entry: Sendable {
        public var engine: ServiceEngine
        public var mapping: SecureChannelMapping?
        /// The cloud's name (SE references carry only a uuid unless asked for names).
        public var cloudName: String
    }

    /// The SE group's name (the client asks for `include_name`), else its uuid.
    static func groupName(_ engine: ServiceEngine) -> String {
        guard let ref = engine.seGroupRef else { return "" }
        return ref.name ?? ref.uuid ?? ref.description
    }

    /// The worst of the oper state, the connection and the secure channel.
    static func severity(_ entry: Entry) -> Severity {
        let runtime = entry.engine.runtime
        return max(Severity(role: stateRole(runtime?.operStatus?.state)), connectionSeverity(runtime?.seConnected),
                   channelSeverity(entry.mapping))
    }

    static func connectionSeverity(_ connected: Bool?) -> Severity { connected == false ? .critical : .ok }

    /// A failed tunnel is the worst; no mapping or one not authenticated yet needs a look.
    static func channelSeverity(_ mapping: SecureChannelMapping?) -> Severity {
        guard let mapping else { return .warning }
        return SecureChannelScreen.severity(mapping.status)
    }

    static func stateRole(_ state: OperState?) -> ThemeRole {
        switch state {
        case .some(.up): return .ok
        case .some(.down), .some(.failed), .some(.errorDisabled): return .critical
        default: return .warning
        }
    }

    public static func row(_ entry: Entry) -> [TableCell] {
        let engine = entry.engine
        let runtime = engine.runtime
        let connected = runtime?.seConnected
        return [
            TableCell(engine.name),
            TableCell(engine.managementIP ?? ""),
            TableCell(Words.short(runtime?.operStatus?.state, dropping: "OPER_"), role: stateRole(runtime?.operStatus?.state)),
            TableCell(Words.yesNo(connected), role: connected == false ? .critical : nil),
            TableCell(entry.mapping?.status.short ?? "no mapping", role: entry.mapping.map { SecureChannelScreen.role(for: $0.status) } ?? .warning),
            TableCell(entry.mapping?.localIP ?? ""),
            TableCell(runtime?.shortVersion ?? ""),
            TableCell(groupName(engine)),
            TableCell(entry.cloudName),
        ]
    }

    static func sortKey(_ entry: Entry, column: Int) -> SortKey {
        let engine = entry.engine
        switch column {
        case 0: return .string(engine.name)
        case 1: return .address(engine.managementIP)
        case 2: return .worstFirst(Severity(role: stateRole(engine.runtime?.operStatus?.state)), engine.runtime?.operStatus?.state?.rawValue)
        case 3: return .worstFirst(connectionSeverity(engine.runtime?.seConnected), Words.yesNo(engine.runtime?.seConnected))
        case 4: return .worstFirst(channelSeverity(entry.mapping), entry.mapping?.status.short ?? "no mapping")
        case 5: return .address(entry.mapping?.localIP)
        case 6: return .string(engine.runtime?.shortVersion)
        case 7: return .string(groupName(engine))
        default: return .string(entry.cloudName)
        }
    }

    public static func detail(_ entry: Entry) -> [DetailPane.Item] {
        let engine = entry.engine
        var fields = [DetailPane.Item.section("Service Engine"),
                      DetailPane.Item("oper state", engine.runtime?.operStatus?.state?.rawValue ?? "unknown"),
                      DetailPane.Item("oper reason", (engine.runtime?.operStatus?.reason ?? []).joined(separator: "; ")),
                      DetailPane.Item("connected", Words.yesNo(engine.runtime?.seConnected)),
                      DetailPane.Item("online since", engine.runtime?.onlineSince ?? ""),
                      DetailPane.Item("management IP", engine.managementIP ?? ""),
                      DetailPane.Item("version", engine.runtime?.shortVersion ?? ""),
                      DetailPane.Item("SE group", groupName(engine)),
                      DetailPane.Item("cloud", entry.cloudName),
                      DetailPane.Item("secure channel", entry.mapping?.status.rawValue ?? "no mapping"),
                      DetailPane.Item("local IP", entry.mapping?.localIP ?? ""),
                      DetailPane.Item.section("Fields")]
        fields += DetailItems.fields(of: engine)
        if let mapping = entry.mapping {
            fields.append(DetailPane.Item.section("Secure-channel mapping"))
            fields += DetailItems.fields(of: mapping)
        }
        return fields
    }

    static func entries(_ context: ViewContext) -> [Entry] {
        let snapshot = context.snapshot
        return context.cache.derived("service engine entries", stamp: snapshot.enginesVersion) {
            var byKey: [String: SecureChannelMapping] = [:]
            for mapping in snapshot.secureChannel.value ?? [] where !mapping.isController {
                byKey[mapping.uuid] = mapping
                byKey[mapping.name] = mapping
                if let ip = mapping.ip { byKey["ip:" + ip] = mapping }
            }
            var clouds: [String: String] = [:]
            for cloud in snapshot.clouds.value ?? [] { clouds[cloud.uuid] = cloud.name }
            return (snapshot.serviceEngines.value ?? []).map { engine in
                Entry(engine: engine, mapping: byKey[engine.uuid] ?? engine.managementIP.flatMap { byKey["ip:" + $0] },
                      cloudName: engine.cloudRef.map { ref in ref.name ?? ref.uuid.flatMap { clouds[$0] } ?? ref.description } ?? "")
            }
        }
    }

    public static func table(_ context: ViewContext) -> ResourceTable<Entry> {
        var table = ResourceTable(
            screen: .serviceEngines, columns: columns, items: entries(context), generation: context.snapshot.enginesVersion,
            id: { $0.engine.uuid }, row: row, sortKey: sortKey,
            filterFields: { entry in
                let engine = entry.engine
                return [engine.name, engine.managementIP ?? "", engine.runtime?.operStatus?.state?.rawValue ?? "",
                        entry.mapping?.status.short ?? "no mapping", entry.mapping?.localIP ?? "", engine.runtime?.shortVersion ?? "",
                        groupName(engine), entry.cloudName, engine.uuid]
            },
            detail: detail, emptyMessage: ScreenText.empty(context.snapshot.serviceEngines, noun: "Service Engines", now: context.now))
        table.severity = severity
        return table
    }

    public static func summary(_ context: ViewContext) -> [TextSegment] {
        if let unknown = ScreenText.unknownSummary(context.snapshot.serviceEngines, noun: "Service Engines") { return unknown }
        let entries = entries(context)
        let up = entries.filter { $0.engine.runtime?.operStatus?.state == .up }.count
        let disconnected = entries.filter { $0.engine.runtime?.seConnected == false }.count
        let unauthenticated = entries.filter { !($0.mapping?.status.isAuthenticated ?? false) }.count
        return [
            TextSegment(" \(entries.count) Service Engines", .normal), TextSegment(" · ", .muted),
            TextSegment("\(up) up", up > 0 ? .ok : .muted), TextSegment(" · ", .muted),
            TextSegment("\(entries.count - up) not up", entries.count - up > 0 ? .critical : .muted), TextSegment(" · ", .muted),
            TextSegment("\(disconnected) disconnected", disconnected > 0 ? .critical : .muted), TextSegment(" · ", .muted),
            // Without the mappings, which SE is authenticated is not known: no count at all.
            context.snapshot.secureChannel.value == nil
                ? TextSegment("secure channel unknown", .muted)
                : TextSegment("\(unauthenticated) channel not authenticated", unauthenticated > 0 ? .warning : .muted),
        ]
    }

    public static func render(state: UIState, into canvas: inout Canvas, area: Rect, context: ViewContext) -> TableRenderResult {
        let line = context.summary("service engines") { summary(context) }
        return TableScreenView.render(table(context), summary: line, state: state, into: &canvas, area: area, context: context)
    }
}

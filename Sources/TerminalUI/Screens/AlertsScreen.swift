import AviAPI
import Console
import Foundation

/// Alerts: the live feed, newest first — level, time, object, summary.
/// Follow mode keeps the newest selected; `l` narrows to one level.
public enum AlertsScreen {
    public static let columns = [
        TableColumn("Level", width: 6, priority: 0),
        TableColumn("Time (UTC)", width: 19, priority: 2),
        TableColumn("Object", width: 18, flex: 1, priority: 3),
        TableColumn("Summary", width: 30, flex: 4, priority: 1),
    ]

    /// HIGH, MEDIUM, then unknown levels, then LOW.
    static func severity(_ level: AlertLevel) -> Severity {
        switch level {
        case .high: return .critical
        case .medium: return .warning
        case .low: return .ok
        default: return .unknown
        }
    }

    public static func role(for level: AlertLevel) -> ThemeRole {
        switch level {
        case .high: return .critical
        case .medium: return .warning
        case .low: return .muted
        default: return .normal
        }
    }

    public static func row(_ alert: Alert) -> [TableCell] {
        [
            TableCell(alert.level.short, role: role(for: alert.level)),
            TableCell(Words.time(alert.date)),
            TableCell(alert.objName ?? ""),
            TableCell(summaryText(alert)),
        ]
    }

    static func summaryText(_ alert: Alert) -> String {
        alert.summary ?? alert.reason ?? alert.description ?? alert.name ?? ""
    }

    static func sortKey(_ alert: Alert, column: Int) -> SortKey {
        switch column {
        case 0: return .worstFirst(severity(alert.level), alert.level.short)
        case 1: return .value(alert.timestamp)
        case 2: return .string(alert.objName)
        default: return .string(summaryText(alert))
        }
    }

    public static func detail(_ alert: Alert) -> [DetailPane.Item] {
        [DetailPane.Item.section("Alert"),
         DetailPane.Item("level", alert.level.short),
         DetailPane.Item("time (UTC)", Words.time(alert.date)),
         DetailPane.Item("object", alert.objName ?? ""),
         DetailPane.Item("summary", summaryText(alert)),
         DetailPane.Item.section("Fields")] + DetailItems.fields(of: alert)
    }

    public static func table(_ context: ViewContext, level: AlertLevelFilter) -> ResourceTable<Alert> {
        var table = ResourceTable(
            screen: .alerts, columns: columns, items: context.snapshot.alerts.value ?? [], generation: context.snapshot.alerts.version,
            id: { $0.uuid }, row: row, sortKey: sortKey,
            filterFields: { [$0.level.short, $0.objName ?? "", summaryText($0)] }, detail: detail,
            emptyMessage: ScreenText.empty(context.snapshot.alerts, noun: "alerts", now: context.now))
        table.admits = { level.admits($0.level) }
        table.severity = { severity($0.level) }
        // Within a level, newest first.
        table.tieBreak = { .value(-($0.timestamp ?? 0)) }
        table.recency = { $0.timestamp ?? 0 }
        table.title = { "\($0.level.short) \($0.objName ?? "")" }
        table.orderVariant = "\(level)"
        return table
    }

    public static func summary(_ context: ViewContext, state: UIState) -> [TextSegment] {
        let follow = TextSegment(state.followAlerts ? " following newest" : " follow off (f)", state.followAlerts ? .ok : .muted)
        guard let alerts = context.snapshot.alerts.value else {
            return [follow, TextSegment(" · alerts ", .muted)] + ScreenText.unknown(context.snapshot.alerts)
        }
        // The Overview's counts: made once per alert change, shared by both screens.
        let counts = context.overview.alertsByLevel ?? [:]
        let high = counts[.high] ?? 0, medium = counts[.medium] ?? 0, low = counts[.low] ?? 0
        return [
            follow,
            TextSegment(" · ", .muted),
            TextSegment("showing \(state.alertLevel.label)", state.alertLevel == .all ? .muted : .accent), TextSegment(" · ", .muted),
            TextSegment("\(alerts.count) alerts", .normal), TextSegment(" · ", .muted),
            TextSegment("\(high) high", high > 0 ? .critical : .muted), TextSegment(" · ", .muted),
            TextSegment("\(medium) medium", medium > 0 ? .warning : .muted), TextSegment(" · ", .muted),
            TextSegment("\(low) low", .muted),
        ]
    }

    public static func render(state: UIState, into canvas: inout Canvas, area: Rect, context: ViewContext) -> TableRenderResult {
        let line = context.summary("alerts", variant: "\(state.followAlerts) \(state.alertLevel)") { summary(context, state: state) }
        return TableScreenView.render(table(context, level: state.alertLevel), summary: line, state: state,
                                      follow: state.followAlerts, into: &canvas, area: area, context: context)
    }
}

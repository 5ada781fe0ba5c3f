import AviAPI
import Console
import Foundation

/// Requests: every API call the console made — time, method, status,
/// duration, path — so an operator can see that read-only means read-only.
public enum RequestsScreen {
    public static let columns = [
        // The path says what was asked: it gets its full width before ms, bytes and host.
        TableColumn("Time (UTC)", width: 19, priority: 1),
        TableColumn("Method", width: 6, priority: 0),
        TableColumn("Status", width: 7, alignment: .right, priority: 0),
        TableColumn("ms", width: 6, alignment: .right, priority: 3),
        TableColumn("Bytes", width: 8, alignment: .right, priority: 4),
        TableColumn("Path", width: 24, flex: 1, priority: 0, growsToContent: true),
        TableColumn("Host", width: 15, priority: 5),
    ]
    /// Newest first (by time, descending).
    public static let defaultSortColumn = 0

    /// One record with its position in the log, which makes a stable id.
    public struct Entry: Sendable {
        public var sequence: Int
        public var record: RequestRecord
    }

    static func isSessionCall(_ record: RequestRecord) -> Bool {
        record.path == "/login" || record.path == "/logout"
    }

    static func statusText(_ record: RequestRecord) -> String {
        if record.refused { return "REFUSED" }
        return record.status.map(String.init) ?? "error"
    }

    static func statusRole(_ record: RequestRecord) -> ThemeRole? {
        if record.refused { return .warning }
        guard let status = record.status else { return .error }
        if status >= 500 { return .error }
        if status >= 400 { return .warning }
        return nil
    }

    public static func row(_ entry: Entry) -> [TableCell] {
        let record = entry.record
        let writes = record.method.isMutating && !isSessionCall(record)
        return [
            TableCell(Words.time(record.time)),
            TableCell(record.method.rawValue, role: writes ? .critical : nil),
            TableCell(statusText(record), role: statusRole(record)),
            TableCell(String(Int((record.duration * 1000).rounded())), role: .muted),
            TableCell(String(record.bytes), role: .muted),
            TableCell(record.path + (record.note.map { "  (\($0))" } ?? "")),
            TableCell(record.host, role: .muted),
        ]
    }

    static func sortKey(_ entry: Entry, column: Int) -> SortKey {
        let record = entry.record
        switch column {
        case 0: return .value(Double(entry.sequence))
        case 1: return .string(record.method.rawValue)
        case 2: return record.refused ? .value(1000) : .value(record.status ?? 999)
        case 3: return .value(record.duration)
        case 4: return .value(record.bytes)
        case 5: return .string(record.path)
        default: return .string(record.host)
        }
    }

    public static func detail(_ entry: Entry) -> [DetailPane.Item] {
        let record = entry.record
        return [DetailPane.Item.section("Request"),
                DetailPane.Item("time (UTC)", Words.time(record.time)),
                DetailPane.Item("method", record.method.rawValue),
                DetailPane.Item("host", record.host),
                DetailPane.Item("path", record.path),
                DetailPane.Item("status", statusText(record)),
                DetailPane.Item("duration", String(format: "%.1f ms", record.duration * 1000)),
                DetailPane.Item("bytes received", String(record.bytes)),
                DetailPane.Item("refused", record.refused ? "yes — stopped by the write guard before sending" : "no"),
                DetailPane.Item("note", record.note ?? "")]
    }

    static func entries(_ context: ViewContext) -> [Entry] {
        context.cache.derived("request entries", stamp: context.requestGeneration) {
            // The log is a ring: number from the total, so ids stay put when old entries drop off.
            let first = context.requestGeneration - context.requests.count
            return context.requests.enumerated().map { Entry(sequence: first + $0.offset, record: $0.element) }
        }
    }

    public static func table(_ context: ViewContext) -> ResourceTable<Entry> {
        var table = ResourceTable(
            screen: .requests, columns: columns, items: entries(context), generation: context.requestGeneration,
            id: { String($0.sequence) }, row: row, sortKey: sortKey,
            filterFields: { [$0.record.method.rawValue, $0.record.path, statusText($0.record), $0.record.host, $0.record.note ?? ""] },
            detail: detail, emptyMessage: "no requests yet")
        table.title = { "\($0.record.method.rawValue) \($0.record.path)" }
        return table
    }

    public static func summary(_ context: ViewContext) -> [TextSegment] {
        let totals = context.requestTotals
        let writes = context.requests.filter { $0.method.isMutating && !isSessionCall($0) && !$0.refused }.count
        // What the status line only names: the raw error, first, so it is never the part cut.
        let failing = DataHealth.errors(context.snapshot)
        let errors = failing.first.map { [TextSegment(" last error: \($0)", .error), TextSegment(" · ", .muted)] } ?? []
        let logged = totals.sent + totals.refused
        // The log is a ring: say how much of it is shown, so a missing old call is not a mystery.
        let kept = logged > context.requests.count && !context.requests.isEmpty
            ? TextSegment("showing the last \(Words.count(context.requests.count)) of \(Words.count(logged)) calls", .warning)
            : TextSegment("the list keeps the last \(Words.count(context.requestCapacity)) calls", .muted)
        return errors + [
            TextSegment(" \(totals.sent) requests sent", .normal), TextSegment(" · ", .muted),
            TextSegment("\(writes) \(writes == 1 ? "write" : "writes") besides login/logout", writes > 0 ? .warning : .ok), TextSegment(" · ", .muted),
            kept, TextSegment(" · ", .muted),
            TextSegment("\(totals.refused) refused", totals.refused > 0 ? .warning : .muted),
            TextSegment(" · \(ByteCountFormatter.string(fromByteCount: Int64(totals.bytes), countStyle: .binary)) received", .muted),
        ]
    }

    public static func render(state: UIState, into canvas: inout Canvas, area: Rect, context: ViewContext) -> TableRenderResult {
        let line = context.summary("requests", variant: context.requestGeneration) { summary(context) }
        return TableScreenView.render(table(context), summary: line, state: state, into: &canvas, area: area, context: context)
    }
}

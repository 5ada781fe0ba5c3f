import AviAPI
import Console
import Foundation

/// Certificates: every SSL certificate with days left, expiry and what uses
/// it; expired and expiring rows in the theme's expiry colours.
public enum CertificatesScreen {
    public static let columns = [
        // The name is read first: it takes its full width before lesser columns get room (priority: lower stays longer).
        TableColumn("Name", width: 26, flex: 3, priority: 0, growsToContent: true),
        TableColumn("Days", width: 5, alignment: .right, priority: 1),
        TableColumn("Expiry", width: 13, priority: 2),
        TableColumn("Not after", width: 10, priority: 4),
        TableColumn("Used by", width: 16, flex: 3, priority: 3),
        TableColumn("Type", width: 8, priority: 5),
        TableColumn("Common name", width: 16, flex: 2, priority: 6),
        TableColumn("Issuer", width: 14, flex: 2, priority: 7),
    ]

    /// The theme role for a certificate's row.
    public static func role(for bucket: ExpiryBucket) -> ThemeRole? {
        switch bucket {
        case .expired: return .expired
        case .critical: return .critical
        case .warning: return .warning
        case .ok, .unknown: return nil
        }
    }

    /// A certificate's role: its expiry bucket's, or warning while it is not yet valid
    /// (an expired one stays expired: that is the worse news).
    public static func role(for row: CertificateRow) -> ThemeRole? {
        row.notYetValid && row.bucket != .expired ? .warning : role(for: row.bucket)
    }

    /// The expiry column: the bucket, or `not yet valid` (never `ok` for a certificate a peer would reject).
    static func expiryText(_ row: CertificateRow) -> String {
        row.notYetValid && row.bucket != .expired ? "not yet valid" : expiryText(row.bucket)
    }

    /// Certificates whose `not_before` is still ahead (and that have not expired).
    static func notYetValidCount(_ rows: [CertificateRow]) -> Int {
        rows.filter { $0.notYetValid && $0.bucket != .expired }.count
    }

    /// `ok`, `<=30 d`, `<=7 d`, `expired`: plain ASCII, so a non-UTF-8 terminal shows the same.
    static func expiryText(_ bucket: ExpiryBucket) -> String {
        switch bucket {
        case .expired: return "expired"
        case .critical: return "<=7 d"
        case .warning: return "<=30 d"
        case .ok: return "ok"
        case .unknown: return "unknown"
        }
    }

    static func typeText(_ type: CertificateType?) -> String {
        switch type {
        case .some(.virtualService): return "VS"
        case .some(.system): return "system"
        case .some(.ca): return "CA"
        case .some(.client): return "client"
        case .some(.secureChannel): return "channel"
        case let .some(other): return other.short
        case .none: return ""
        }
    }

    static func usedByText(_ uses: [String]) -> String {
        uses.map { $0 == "secure_channel" ? "secure channel" : $0 }.joined(separator: ", ")
    }

    /// The row for one certificate (only rows on screen are made).
    public static func row(_ certificate: CertificateRow) -> [TableCell] {
        let role = role(for: certificate)
        let days = certificate.daysLeft.map(String.init) ?? "?"
        return [
            TableCell(certificate.name, role: role),
            TableCell(days, role: role),
            TableCell(expiryText(certificate), role: role ?? .ok),
            TableCell(Words.day(certificate.certificate.notAfter), role: role),
            TableCell(usedByText(certificate.usedFor), role: role),
            TableCell(typeText(certificate.certificate.type), role: role),
            TableCell(certificate.commonName, role: role),
            TableCell(certificate.issuer, role: role),
        ]
    }

    static func sortKey(_ row: CertificateRow, column: Int) -> SortKey {
        switch column {
        case 0: return .string(row.name)
        case 1, 2, 3: return .date(row.certificate.notAfter)
        case 4: return .string(usedByText(row.usedFor))
        case 5: return .string(typeText(row.certificate.type))
        case 6: return .string(row.commonName)
        default: return .string(row.issuer)
        }
    }

    /// Every field: what the console derives, then the object as the controller sent it.
    public static func detail(_ row: CertificateRow) -> [DetailPane.Item] {
        let certificate = row.certificate
        var fields = [DetailPane.Item.section("Summary")]
        fields.append(DetailPane.Item("days left", row.daysLeft.map(String.init) ?? "unknown"))
        fields.append(DetailPane.Item("expiry", expiryText(row), role: role(for: row)))
        fields.append(DetailPane.Item("not after (UTC)", Words.time(certificate.notAfter)))
        fields.append(DetailPane.Item("not before (UTC)", Words.time(certificate.notBefore)))
        fields.append(DetailPane.Item("used by", row.usedFor.isEmpty ? "nothing" : usedByText(row.usedFor)))
        fields.append(DetailPane.Item("has key", Words.yesNo(certificate.hasKey)))
        if let params = certificate.keyParams { fields.append(DetailPane.Item("key", params.summary)) }
        fields.append(DetailPane.Item.section("Fields"))
        fields += DetailItems.fields(of: certificate)
        return fields
    }

    static func rows(_ context: ViewContext) -> [CertificateRow] {
        let snapshot = context.snapshot
        // Days left change with the clock: rebuilt each minute as well as on new data.
        let minute = Int(context.now.timeIntervalSince1970 / 60)
        return context.cache.derived("certificate rows", stamp: [snapshot.certificatesVersion, minute]) {
            (snapshot.certificates.value ?? []).map { CertificateRow($0, usage: snapshot.certificateUsage, now: context.now) }
        }
    }

    public static func table(_ context: ViewContext) -> ResourceTable<CertificateRow> {
        var table = ResourceTable(
            screen: .certificates, columns: columns, items: rows(context), generation: context.certificatesStamp,
            id: { $0.certificate.uuid }, row: row, sortKey: sortKey, filterFields: { row in
                [row.name, row.commonName, row.issuer, usedByText(row.usedFor), typeText(row.certificate.type), expiryText(row)]
            }, detail: detail, emptyMessage: ScreenText.empty(context.snapshot.certificates, noun: "certificates", now: context.now))
        table.severity = { Severity(role: role(for: $0)) }
        // Within a severity: soonest expiry first, then by name.
        table.tieBreak = { .ranked(Double($0.daysLeft ?? Int.max), $0.name.lowercased()) }
        return table
    }

    public static func summary(_ context: ViewContext) -> [TextSegment] {
        if let unknown = ScreenText.unknownSummary(context.snapshot.certificates, noun: "certificates") { return unknown }
        let rows = rows(context)
        var counts: [ExpiryBucket: Int] = [:]
        for row in rows { counts[row.bucket, default: 0] += 1 }
        var segments = [TextSegment(" \(rows.count) certificates", .normal)]
        let expired = counts[.expired] ?? 0, critical = counts[.critical] ?? 0, warning = counts[.warning] ?? 0
        segments.append(TextSegment(" · ", .muted))
        segments.append(TextSegment("\(expired) expired", expired > 0 ? .expired : .muted))
        segments.append(TextSegment(" · ", .muted))
        segments.append(TextSegment("\(critical) within 7 d", critical > 0 ? .critical : .muted))
        segments.append(TextSegment(" · ", .muted))
        segments.append(TextSegment("\(warning) within 30 d", warning > 0 ? .warning : .muted))
        let notYet = notYetValidCount(rows)
        if notYet > 0 {
            segments.append(TextSegment(" · ", .muted))
            segments.append(TextSegment("\(notYet) not yet valid", .warning))
        }
        if let channel = rows.first(where: { context.snapshot.certificateUsage.isSecureChannel($0.certificate) }) {
            segments.append(TextSegment(" · ", .muted))
            segments.append(TextSegment("channel cert ", .muted))
            segments.append(TextSegment(channel.name, role(for: channel) ?? .normal))
        }
        return segments
    }

    public static func render(state: UIState, into canvas: inout Canvas, area: Rect, context: ViewContext) -> TableRenderResult {
        let line = context.summary("certificates") { summary(context) }
        return TableScreenView.render(table(context), summary: line, state: state, into: &canvas, area: area, context: context)
    }
}

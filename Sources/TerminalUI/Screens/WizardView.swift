import AviAPI
import Console
import Foundation

/// Draws the rotation wizard: one step per screen inside a box over the console's body,
/// the step's title and number on the frame, key hints and the last message at the bottom.
public enum RotationWizardView {
    public static func render(_ state: RotationWizardState, into canvas: inout Canvas, area: Rect, styles: StyleSheet, now: Date) {
        guard area.width >= 20, area.height >= 6 else {
            canvas.fill(area, style: styles[.normal])
            canvas.draw("wizard: enlarge the terminal", in: area.row(0), style: styles[.warning])
            return
        }
        canvas.fill(area, style: styles[.normal])
        let title: String
        switch state.phase {
        case .loading: title = " Rotate the secure-channel certificate — reading the controller… "
        case .unavailable: title = " Rotate the secure-channel certificate — not available "
        case .running, .closed: title = " Rotate the secure-channel certificate — \(RotationText.header(state.step)) "
        }
        let inner = canvas.drawBox(area, style: styles[.border], title: title, titleStyle: styles[.accent])
        guard inner.height >= 3 else { return }
        let body = inner.droppingBottom(2)
        var lines: [WizardLine]
        var hints: String
        switch state.phase {
        case .loading:
            lines = [WizardLine("reading the system configuration, certificates, Service Engines, clouds and cluster…", .muted),
                     WizardLine("nothing is sent before you type the cluster name at step 6", .muted)]
            hints = "Esc close"
        case let .unavailable(reason):
            lines = [WizardLine("the rotation cannot start:", .critical)] + WizardLine.wrapped(reason, role: .normal, width: body.width)
            hints = "Esc close"
        case .running, .closed:
            (lines, hints) = WizardStepViews.lines(for: state, width: body.width, height: body.height, now: now)
        }
        var y = body.y
        for line in lines where y < body.maxY {
            canvas.draw(line.text, x: body.x, y: y, style: styles[line.role], clip: body)
            if line.highlighted { canvas.applyStyle(styles[.selection], to: body.row(y - body.y), keepingForeground: false) }
            y += 1
        }
        canvas.drawHorizontalLine(in: inner.row(inner.height - 2), style: styles[.border])
        let footer = inner.row(inner.height - 1)
        if let busy = state.busy {
            canvas.draw("… \(busy)", in: footer, style: styles[.accent])
        } else if let message = state.message {
            canvas.draw(message, in: footer, style: styles[.warning])
        } else {
            canvas.draw(hints, in: footer, style: styles[.muted])
        }
    }
}

/// One line of a wizard step with the role it is drawn in.
struct WizardLine {
    var text: String
    var role: ThemeRole
    var highlighted = false

    init(_ text: String, _ role: ThemeRole = .normal, highlighted: Bool = false) {
        self.text = text
        self.role = role
        self.highlighted = highlighted
    }

    static func wrapped(_ text: String, role: ThemeRole, width: Int, indent: String = "") -> [WizardLine] {
        TextWrap.lines(text, width: max(1, width - indent.count)).map { WizardLine(indent + $0, role) }
    }

    /// Wraps at spaces keeping the line's own indentation (plan bodies): continuation lines sit
    /// two cells deeper, so the JSON's structure stays readable.
    static func wrappedKeepingIndent(_ text: String, role: ThemeRole, width: Int) -> [WizardLine] {
        let indent = String(text.prefix { $0 == " " })
        let rest = String(text.dropFirst(indent.count))
        guard indent.count + 8 < width else { return wrapped(text, role: role, width: width) }
        if DisplayWidth.of(rest) <= width - indent.count { return [WizardLine(text, role)] }
        let pieces = TextWrap.lines(rest, width: width - indent.count - 2)
        return [WizardLine(indent + (pieces.first ?? ""), role)] + pieces.dropFirst().map { WizardLine(indent + "  " + $0, role) }
    }

    /// A diff line (`-   value`, `+   value`, `  field`): the marker stays on the value's first
    /// row and continuation rows hang under the value, so a long ref (a controller answers refs as
    /// full URLs) never leaves the marker alone on a row above an unmarked value.
    static func wrappedDiff(_ text: String, role: ThemeRole, width: Int) -> [WizardLine] {
        let marker = String(text.prefix { $0 == "-" || $0 == "+" || $0 == " " })
        let rest = String(text.dropFirst(marker.count))
        guard marker.count + 8 < width, !rest.isEmpty else { return wrapped(text, role: role, width: width) }
        let pieces = TextWrap.lines(rest, width: width - marker.count)
        let hang = String(repeating: " ", count: marker.count)
        return [WizardLine(marker + (pieces.first ?? ""), role)] + pieces.dropFirst().map { WizardLine(hang + $0, role) }
    }

    /// `ok`/`WARN`/`FAIL` prefixes of `RotationText` lines pick the colour.
    static func judged(_ text: String) -> WizardLine {
        if text.hasPrefix("FAIL") { return WizardLine(text, .critical) }
        if text.hasPrefix("WARN") { return WizardLine(text, .warning) }
        if text.hasPrefix("ok") || text.hasPrefix("pass") { return WizardLine(text, .ok) }
        return WizardLine(text, .normal)
    }
}

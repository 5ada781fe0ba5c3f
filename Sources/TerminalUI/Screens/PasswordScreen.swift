import AviAPI
import Console

/// The login-refused screen: which controller refused which user, that nothing more is sent,
/// and a masked field for the new password. Drawn over the body while `UIState.password` is set.
public enum PasswordScreen {
    public static func render(_ entry: PasswordEntry, into canvas: inout Canvas, area: Rect, context: ViewContext, inFleet: Bool) {
        let connection = context.snapshot.connection
        let host = ConsoleView.hostName(connection.controller)
        let mask = String(repeating: "*", count: entry.text.count)
        var lines: [NoticePanel.Line] = [
            NoticePanel.Line("The controller \(host) refused the password of \(connection.username)."),
            NoticePanel.Line("Nothing more is sent: the refused password is never tried again (an account lockout policy counts every refused login).", .muted),
            NoticePanel.Line(""),
        ]
        if let problem = entry.problem { lines.append(NoticePanel.Line(problem, .error)) }
        if entry.checking {
            lines.append(NoticePanel.Line("New password: logging in…", .accent))
        } else {
            lines.append(NoticePanel.Line("New password: \(mask)_", .accent))
        }
        lines.append(NoticePanel.Line(""))
        let leave = inFleet ? "Esc goes back to the fleet" : "Esc quits"
        lines.append(NoticePanel.Line("Enter logs in with it · \(leave) · q quits while the field is empty", .muted))
        NoticePanel(title: "Login refused", lines: lines).render(into: &canvas, area: area, styles: context.styles)
    }
}

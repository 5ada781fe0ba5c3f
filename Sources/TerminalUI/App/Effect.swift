import Foundation

/// Something `update` asks the app loop to do; the loop does it without
/// waiting on the network (refresher calls run in their own tasks).
public enum Effect: Hashable, Sendable {
    /// `r`: read every resource now.
    case refreshNow
    /// `r` while paused: read every resource once and stay paused.
    case refreshOnce
    /// `p`: stop or resume the refreshers.
    case setPaused(Bool)
    /// `w`: open the rotation wizard.
    case openWizard
    /// A key for the open wizard.
    case wizardKey(Key)
    /// Ctrl-L: repaint the whole terminal.
    case redrawAll
    case quit
    /// Esc in a cluster opened from the fleet: back to the fleet screen.
    case leaveCluster
    /// `:ctx NAME`: open another cluster of the fleet.
    case switchCluster(String)
    /// Enter on the login-refused screen: give this password to the session and log in once.
    case submitPassword(String)
}

/// What `update` reacts to.
public enum UIEvent: Hashable, Sendable {
    case key(Key)
    /// The view drew `screen`'s table: its measure, the table state it
    /// resolved (selection kept on the same row id, clamped), and that id.
    case measured(ScreenID, TableMeasure, resolved: TableState, selectedID: String?)
    /// The wizard closed itself (finished or cancelled).
    case wizardClosed
    /// The Overview drew these counts that open a filtered list, in reading order.
    case overviewTargets([DrillTarget])
    /// The session says the controller refused the password: nothing is sent until a new one.
    case loginRefused
    /// The answer to a password typed on the login-refused screen.
    case passwordOutcome(PasswordOutcome)
}

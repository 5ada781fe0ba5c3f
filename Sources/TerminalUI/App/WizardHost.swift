/// Where the rotation wizard plugs into the console. The console opens it
/// with `w` (or `:rotate`) unless read-only, gives it every key while it is
/// open, and draws it over the body of the screen.
public protocol WizardHost: AnyObject {
    /// Starts (or restarts) the wizard from the newest snapshot.
    func open(context: ViewContext)
    /// Handles a key; returns false once the wizard has closed itself.
    func handle(_ key: Key, context: ViewContext) -> Bool
    /// Draws the wizard into `area` (the body, between tabs and status line).
    func render(into canvas: inout Canvas, area: Rect, context: ViewContext)
}

/// What is drawn instead of the UI when the terminal is smaller than the
/// layout needs: `terminal too small: need 80x24, have 60x20`, centred.
public enum TooSmallView {
    /// The message for a terminal of `have` cells.
    public static func message(need: Size = .minimum, have: Size) -> String {
        "terminal too small: need \(need), have \(have)"
    }

    /// Clears the canvas and draws the message in the middle (cut to fit;
    /// a 1x1 or 0x0 canvas is fine).
    public static func render(into canvas: inout Canvas, need: Size = .minimum, style: Style = .plain) {
        canvas.fill(canvas.bounds, style: style)
        guard canvas.height > 0 else { return }
        let text = message(need: need, have: canvas.size)
        let row = canvas.bounds.row(canvas.height / 2)
        canvas.draw(text, in: row, style: style, alignment: .center)
        // Every other key is ignored until the terminal is big enough.
        if canvas.height / 2 + 1 < canvas.height {
            canvas.draw("enlarge the window, or q to quit", in: canvas.bounds.row(canvas.height / 2 + 1), style: style, alignment: .center)
        }
    }
}

/// SGR colours for headless output (`status`, `doctor`, `rotate`), or nothing at all.
public struct Painter: Sendable {
    public let enabled: Bool
    public init(enabled: Bool) { self.enabled = enabled }
    public func paint(_ text: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    public func bad(_ text: String) -> String { paint(text, "31;1") }
    public func warn(_ text: String) -> String { paint(text, "33") }
    public func good(_ text: String) -> String { paint(text, "32") }
    public func title(_ text: String) -> String { paint(text, "1") }
}

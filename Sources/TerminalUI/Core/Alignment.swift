/// Horizontal placement of text inside a width.
public enum Alignment: Hashable, Sendable {
    case left, center, right
}

/// A terminal or canvas size in cells.
public struct Size: Hashable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The smallest terminal the full UI is laid out for.
    public static let minimum = Size(width: 80, height: 24)

    /// Whether this size can hold `other` in both directions.
    public func fits(_ other: Size) -> Bool { width >= other.width && height >= other.height }

    public var description: String { "\(width)x\(height)" }
}

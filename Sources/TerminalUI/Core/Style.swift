import Console

/// A terminal colour; the same type themes use.
public typealias Color = ThemeColor

/// Bold, dim, reverse, underline; the same type themes use.
public typealias Attributes = TextAttributes

/// How a cell looks: foreground and background colour plus attributes.
public struct Style: Hashable, Sendable {
    public var foreground: Color
    public var background: Color
    public var attributes: Attributes

    public init(foreground: Color = .default, background: Color = .default, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// A theme role's look.
    public init(_ themeStyle: ThemeStyle) {
        self.init(foreground: themeStyle.foreground, background: themeStyle.background, attributes: themeStyle.attributes)
    }

    /// The terminal's own colours, no attributes.
    public static let plain = Style()

    /// A copy with these attributes added.
    public func adding(_ extra: Attributes) -> Style {
        var copy = self
        copy.attributes.formUnion(extra)
        return copy
    }

    /// A copy with another foreground.
    public func foreground(_ color: Color) -> Style {
        var copy = self
        copy.foreground = color
        return copy
    }

    /// A copy with another background.
    public func background(_ color: Color) -> Style {
        var copy = self
        copy.background = color
        return copy
    }

    /// `overlay`'s foreground (unless default) and attributes on this
    /// style's background: a coloured cell inside a selected row keeps the
    /// selection bar.
    public func patched(with overlay: Style) -> Style {
        Style(
            foreground: overlay.foreground == .default ? foreground : overlay.foreground,
            background: overlay.background == .default ? background : overlay.background,
            attributes: attributes.union(overlay.attributes)
        )
    }

    /// This style as a terminal with `depth` colours can show it.
    public func degraded(to depth: ColorDepth) -> Style {
        guard depth < .indexed256 else { return self }
        return Style(foreground: foreground.degraded(to: depth), background: background.degraded(to: depth), attributes: attributes)
    }
}

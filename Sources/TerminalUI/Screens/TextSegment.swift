import Console
import AviAPI
import Foundation

/// A run of text with a theme role: summary lines are sequences of these,
/// so "2 expired" can be red next to plain text.
public struct TextSegment: Hashable, Sendable {
    public var text: String
    public var role: ThemeRole
    /// The list this count opens (Overview), if any.
    public var target: DrillTarget?

    public init(_ text: String, _ role: ThemeRole = .normal, opens target: DrillTarget? = nil) {
        self.text = text
        self.role = role
        self.target = target
    }
}

extension Canvas {
    /// Draws segments left to right on the first row of `rect`, clipped;
    /// returns the columns used.
    ///
    /// When they do not fit, whole items (the runs between ` · `
    /// separators) are dropped from the end and counted (`· +2 more`); an
    /// item is cut only when not even the first fits, and a cut always
    /// ends in the ellipsis — a silently clipped word can change meaning.
    @discardableResult
    public mutating func draw(segments: [TextSegment], in rect: Rect, styles: StyleSheet, base: Style? = nil) -> Int {
        guard rect.width > 0, rect.height > 0 else { return 0 }
        let fitted = TextSegment.fitted(segments, width: rect.width, ellipsis: glyphs.ellipsis)
        var x = rect.x
        for segment in fitted {
            guard x < rect.maxX else { break }
            let style = base.map { $0.patched(with: styles[segment.role]) } ?? styles[segment.role]
            x += draw(segment.text, x: x, y: rect.y, style: style, clip: rect)
        }
        return x - rect.x
    }
}

extension TextSegment {
    /// A separator between items of a summary line.
    var isSeparator: Bool { text.trimmingCharacters(in: .whitespaces) == "·" }

    static func totalWidth(_ segments: some Sequence<TextSegment>) -> Int {
        segments.reduce(0) { $0 + DisplayWidth.of(SafeText.sanitize($1.text)) }
    }

    /// How much an item matters when a line is short of room: bad news
    /// (critical, expired, error) most, then warnings, then plain facts;
    /// good news and zero counts (ok, muted) least.
    static func importance(_ item: [TextSegment]) -> Int {
        item.map { segment -> Int in
            switch segment.role {
            case .critical, .expired, .error: return 3
            case .warning: return 2
            case .ok, .muted: return 0
            default: return 1
            }
        }.max() ?? 0
    }

    /// `segments` made to fit `width` cells: whole items are dropped, good
    /// news first and later before earlier, with a `· +N more` note — a
    /// failure count is the last thing to go; else the first item cut with `ellipsis`.
    static func fitted(_ segments: [TextSegment], width: Int, ellipsis: String = "…") -> [TextSegment] {
        guard totalWidth(segments) > width else { return segments }
        // Items: runs of segments between separators (the separator goes with the item after it).
        var items: [[TextSegment]] = [[]]
        for segment in segments {
            if segment.isSeparator, !(items.last?.isEmpty ?? true) { items.append([]) }
            items[items.count - 1].append(segment)
        }
        if items.count > 1 {
            // The first item (the line's subject) stays; the others go least important first.
            let ranks = items.map(importance)
            let dropOrder = items.indices.dropFirst().sorted { (ranks[$0], -$0) < (ranks[$1], -$1) }
            var dropped = Set<Int>()
            for index in dropOrder {
                dropped.insert(index)
                let more = [TextSegment(" · ", .muted), TextSegment("+\(dropped.count) more", .muted)]
                let candidate = items.indices.filter { !dropped.contains($0) }.flatMap { items[$0] }
                if totalWidth(candidate) + totalWidth(more) <= width { return candidate + more }
            }
        }
        // Not even one item with the note: cut the text, ending in the ellipsis.
        var result: [TextSegment] = []
        var used = 0
        for segment in segments {
            let text = SafeText.sanitize(segment.text)
            let w = DisplayWidth.of(text)
            if used + w < width {
                result.append(segment)
                used += w
                continue
            }
            // Text follows beyond the edge, so this segment ends in the ellipsis even if it would fit.
            let room = width - used - DisplayWidth.of(ellipsis)
            guard room >= 0 else { break }
            var cut = TextLayout.truncated(text, toWidth: room, ellipsis: "")
            while cut.last == " " { cut.removeLast() }
            result.append(TextSegment(cut + ellipsis, segment.role))
            break
        }
        return result
    }
}

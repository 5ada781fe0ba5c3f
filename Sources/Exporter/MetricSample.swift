import Console

/// One value of one series: a family, its label values in the family's order, and the value.
/// The only way to make one is through a `MetricFamily`, so label names and their order
/// cannot drift between call sites.
public struct MetricSample: Sendable, Equatable {
    public let family: MetricFamily
    /// Label values in `family.labels` order, already made safe.
    public let labelValues: [String]
    public let value: Double

    /// Longest label value kept; a longer controller string is cut (a name is never that long
    /// in practice, and a hostile one must not bloat every scrape).
    public static let maximumLabelLength = 256

    /// `values` must name every label of the family, in its order; each value passes through
    /// the project's sanitizer (no control characters, escape sequences or bidi overrides),
    /// then swift-prometheus escapes backslash, quote and newline when it writes the line.
    init(_ family: MetricFamily, _ values: [String], _ value: Double) {
        precondition(values.count == family.labels.count, "\(family.name) takes \(family.labels.count) label values")
        self.family = family
        labelValues = values.map(Self.safeLabelValue)
        self.value = value
    }

    /// Label names paired with values, in the family's fixed order.
    public var labels: [(String, String)] { Array(zip(family.labels, labelValues)) }

    /// The value of one label, by name (tests and the cache use it).
    public func label(_ name: String) -> String? {
        family.labels.firstIndex(of: name).map { labelValues[$0] }
    }

    static func safeLabelValue(_ text: String) -> String {
        let safe = SafeText.sanitize(text)
        guard safe.unicodeScalars.count > maximumLabelLength else { return safe }
        return String(String.UnicodeScalarView(safe.unicodeScalars.prefix(maximumLabelLength)))
    }
}

extension MetricFamily {
    /// A sample of this family; `values` in the order of `labels`.
    func sample(_ values: [String], _ value: Double) -> MetricSample { MetricSample(self, values, value) }
}

/// One item of performance data, `'label'=value[UOM];[warn];[crit];[min];[max]`,
/// as the Nagios plugin guidelines define it.
public struct PerfDatum: Sendable, Equatable {
    public var label: String
    public var value: Double
    /// One of the guidelines' units (`s`, `%`, `B`, `c`, …) or empty for a plain number.
    public var unit: String
    public var warning: String?
    public var critical: String?
    public var minimum: Double?
    public var maximum: Double?

    public init(_ label: String, _ value: Double, unit: String = "", warning: String? = nil, critical: String? = nil,
                minimum: Double? = 0, maximum: Double? = nil) {
        self.label = label
        self.value = value
        self.unit = unit
        self.warning = warning
        self.critical = critical
        self.minimum = minimum
        self.maximum = maximum
    }

    public init(_ label: String, _ value: Int, warning: String? = nil, critical: String? = nil, minimum: Int? = 0, maximum: Int? = nil) {
        self.init(label, Double(value), warning: warning, critical: critical, minimum: minimum.map(Double.init),
                  maximum: maximum.map(Double.init))
    }

    /// The text form. Trailing empty fields are dropped, inner ones kept (`x=1;;;0`).
    public var text: String {
        var fields = [Self.number(value) + unit, warning ?? "", critical ?? "", minimum.map(Self.number) ?? "",
                      maximum.map(Self.number) ?? ""]
        while fields.count > 1, fields.last?.isEmpty == true { fields.removeLast() }
        return Self.quotedLabel(label) + "=" + fields.joined(separator: ";")
    }

    /// Labels with spaces, `=` or quotes must be single-quoted; a quote inside is doubled.
    static func quotedLabel(_ label: String) -> String {
        let plain = label.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && $0 != "=" && $0 != "'" }
        if plain && !label.isEmpty { return label }
        return "'" + label.replacingOccurrences(of: "'", with: "''").replacingOccurrences(of: "=", with: "_") + "'"
    }

    /// Integers without a decimal point; others with at most three decimals, never exponent notation.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

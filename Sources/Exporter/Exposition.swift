import Prometheus

/// Turns samples into the Prometheus text format (version 0.0.4) through swift-prometheus,
/// which writes HELP and TYPE and every series line, escaping label values.
///
/// Each series is written by a registry of its own and the lines are grouped by family here.
/// One registry for every series would be the obvious use, but swift-prometheus 2.x copies a
/// family's whole dictionary of series on every registration (`MetricFamily.adding`), so one
/// registry costs O(n²) in series per family: at 8 clusters × 5,000 certificates a rendering took
/// longer than a scrape timeout. A registry per series is O(1) each, and the bytes are still the
/// library's (escaping, number format); grouping by family keeps one HELP and TYPE per name.
///
/// A series that is not in the samples (a certificate deleted on the controller, a Service Engine
/// state nobody is in any more) is simply not written.
public enum Exposition {
    /// The `Content-Type` of the text format.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// The series lines of one set of samples, grouped by family name, without HELP and TYPE:
    /// the unit `/metrics` assembles from several clusters. Within a family, two samples with
    /// the same label values: the last wins (a repeated series is not valid exposition).
    public struct Series: Sendable {
        /// Family name → its series lines, each ending in a newline.
        public fileprivate(set) var lines: [String: [UInt8]] = [:]
        fileprivate var families: [String: MetricFamily] = [:]

        /// Bytes held, for the cache's accounting.
        public var byteCount: Int { lines.values.reduce(0) { $0 + $1.count } }
    }

    /// The series of `samples`.
    public static func series(_ samples: [MetricSample]) -> Series {
        var lastIndex: [String: [[String]: Int]] = [:]
        for (index, sample) in samples.enumerated() { lastIndex[sample.family.name, default: [:]][sample.labelValues] = index }
        var series = Series()
        for (index, sample) in samples.enumerated() where lastIndex[sample.family.name]?[sample.labelValues] == index {
            series.families[sample.family.name] = sample.family
            series.lines[sample.family.name, default: []].append(contentsOf: line(sample))
        }
        return series
    }

    /// One exposition from the series of several clusters, families in `MetricFamily.all` order
    /// (then any other by name), each family's HELP and TYPE once.
    public static func assemble(_ parts: [Series]) -> [UInt8] {
        var families: [String: MetricFamily] = [:]
        for part in parts { families.merge(part.families) { first, _ in first } }
        let known = MetricFamily.all.map(\.name)
        let order = known.filter { families[$0] != nil } + families.keys.filter { !known.contains($0) }.sorted()
        var buffer: [UInt8] = []
        buffer.reserveCapacity(parts.reduce(0) { $0 + $1.byteCount } + order.count * 160)
        for name in order {
            guard let family = families[name] else { continue }
            buffer.append(contentsOf: header(family))
            for part in parts { if let lines = part.lines[name] { buffer.append(contentsOf: lines) } }
        }
        return buffer
    }

    /// The exposition of `samples`.
    public static func render(_ samples: [MetricSample]) -> [UInt8] {
        assemble([series(samples)])
    }

    /// The same, as a string.
    public static func text(_ samples: [MetricSample]) -> String {
        String(decoding: render(samples), as: UTF8.self)
    }

    /// `name{label="value",...} value\n`, as swift-prometheus writes it (the TYPE line it writes
    /// first is dropped: the family's header is written once, by `assemble`).
    private static func line(_ sample: MetricSample) -> ArraySlice<UInt8> {
        let registry = PrometheusCollectorRegistry()
        let descriptor = MetricNameDescriptor(metricName: sample.family.name, unitName: "", helpText: "")
        registry.makeGauge(descriptor: descriptor, labels: sample.labels).set(sample.value)
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        // Label values never hold a raw newline (the library escapes it): the first one ends the TYPE line.
        guard let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) else { return [] }
        return buffer[(newline + 1)...]
    }

    /// `# HELP name text\n# TYPE name gauge\n`, as swift-prometheus writes it.
    private static func header(_ family: MetricFamily) -> ArraySlice<UInt8> {
        let registry = PrometheusCollectorRegistry()
        let descriptor = MetricNameDescriptor(metricName: family.name, unitName: "", helpText: family.help)
        _ = registry.makeGauge(descriptor: descriptor)
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        // Up to and with the TYPE line (the library leaves HELP out when the text is empty).
        guard let type = buffer.firstRange(of: Array("# TYPE ".utf8)),
              let end = buffer[type.upperBound...].firstIndex(of: UInt8(ascii: "\n")) else { return [] }
        return buffer[...end]
    }
}

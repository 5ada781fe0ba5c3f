import Prometheus

/// Turns samples into the Prometheus text format (version 0.0.4) through swift-prometheus,
/// which writes HELP and TYPE once per family and escapes label values.
///
/// A fresh registry per rendering: a series that is not in the samples (a certificate deleted
/// on the controller, a Service Engine state nobody is in any more) is simply not written.
public enum Exposition {
    /// The `Content-Type` of the text format.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// The exposition of `samples`; two samples with the same family and labels: the last wins.
    public static func render(_ samples: [MetricSample]) -> [UInt8] {
        let registry = PrometheusCollectorRegistry()
        for sample in samples {
            let family = sample.family
            let descriptor = MetricNameDescriptor(metricName: family.name, unitName: "", helpText: family.help)
            registry.makeGauge(descriptor: descriptor, labels: sample.labels).set(sample.value)
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(samples.count * 120)
        registry.emit(into: &buffer)
        return buffer
    }

    /// The same, as a string.
    public static func text(_ samples: [MetricSample]) -> String {
        String(decoding: render(samples), as: UTF8.self)
    }
}

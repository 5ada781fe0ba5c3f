import Foundation

/// One answer of the exporter's listener, free of any HTTP library.
public struct ExporterResponse: Sendable, Equatable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]
    /// Extra headers (e.g. `Allow` on a 405).
    public var headers: [String: String]

    init(_ status: Int, _ body: String, headers: [String: String] = [:]) {
        self.status = status
        contentType = "text/plain; charset=utf-8"
        self.body = Array(body.utf8)
        self.headers = headers
    }

    init(exposition: [UInt8]) {
        status = 200
        contentType = Exposition.contentType
        body = exposition
        headers = [:]
    }
}

/// What the exporter answers, as a pure function of method, request target and cache.
/// GET and HEAD only; `/metrics`, `/probe?target=PROFILE`, `/healthz` and an index at `/`.
/// Anything else is refused: no other method, no absolute-form target (the exporter is never a
/// proxy), no query parameter other than `target` (credentials come from profiles, never a URL).
public enum ExporterRoutes {
    public static func respond(method: String, target: String, cache: MetricsCache) -> ExporterResponse {
        guard method == "GET" || method == "HEAD" else {
            return ExporterResponse(405, "only GET and HEAD are answered here\n", headers: ["Allow": "GET, HEAD"])
        }
        guard target.hasPrefix("/") else {
            return ExporterResponse(400, "avitui exporter is not a proxy: ask for /metrics, /probe?target=PROFILE or /healthz\n")
        }
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        let query = parts.count > 1 ? String(parts[1]) : ""
        switch path {
        case "/metrics":
            return ExporterResponse(exposition: cache.metrics())
        case "/probe":
            return probe(query: query, cache: cache)
        case "/healthz":
            return ExporterResponse(200, "ok\n")
        case "/":
            return ExporterResponse(200, """
                avitui exporter
                /metrics                every cluster
                /probe?target=PROFILE   one cluster: \(cache.targets.joined(separator: ", "))
                /healthz                the exporter itself

                """)
        default:
            return ExporterResponse(404, "not found: ask for /metrics, /probe?target=PROFILE or /healthz\n")
        }
    }

    private static func probe(query: String, cache: MetricsCache) -> ExporterResponse {
        var target: String?
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let item = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(item[0]).removingPercentEncoding ?? String(item[0])
            guard name == "target", target == nil else {
                return ExporterResponse(400, "/probe takes one parameter, target=PROFILE; credentials come from the profile\n")
            }
            let value = item.count > 1 ? String(item[1]) : ""
            target = (value.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? value)
        }
        guard let target, !target.isEmpty else {
            return ExporterResponse(400, "/probe needs target=PROFILE (one of: \(cache.targets.joined(separator: ", ")))\n")
        }
        guard let bytes = cache.probe(target) else {
            return ExporterResponse(404, "unknown target — the targets are the profiles this exporter serves: \(cache.targets.joined(separator: ", "))\n")
        }
        return ExporterResponse(exposition: bytes)
    }
}

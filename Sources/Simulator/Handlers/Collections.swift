import Foundation

/// Collection reads: filters, sort, paging and the `{count, results, next}`
/// envelope (REFERENCE §2.2–2.3).
struct CollectionQuery {
    static let defaultPageSize = 25
    static let maxPageSize = 200

    var page = 1
    var pageSize = defaultPageSize
    var name: String?
    var fields: Set<String>?
    var sort: String?
    var includeName = false
    var joinRuntime = false
    var refersTo: String?
    var referredBy: [String] = []
    var cloudUUID: String?
    var cloudName: String?
    /// Other `field=value` pairs: exact matches on top-level fields (e.g. `username=`, `type=`).
    var fieldFilters: [(field: String, value: String)] = []

    static let reserved: Set<String> = ["skip_default", "include", "duration", "start", "stop", "limit", "step", "search"]

    init(_ request: SimRequest) {
        for (key, value) in request.queryItems {
            switch key {
            case "page": page = max(1, Int(value) ?? 1)
            // Lenient like the controller's paginator: too big is capped, not refused.
            case "page_size": pageSize = min(CollectionQuery.maxPageSize, max(1, Int(value) ?? CollectionQuery.defaultPageSize))
            case "name": name = value
            case "fields":
                // `certificate.not_after` keeps the whole `certificate` object.
                let list = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                fields = Set(list.map { String($0.split(separator: ".").first ?? Substring($0)) })
            case "sort": sort = value.isEmpty ? nil : value
            case "include_name": includeName = value.lowercased() != "false"
            case "join_subresources": joinRuntime = value.split(separator: ",").contains("runtime")
            case "refers_to": refersTo = value
            case "referred_by": referredBy = value.split(separator: ",").map(String.init)
            case "cloud_ref.uuid": cloudUUID = value
            case "cloud_ref.name": cloudName = value
            default:
                if !CollectionQuery.reserved.contains(key), !key.contains(".") { fieldFilters.append((key, value)) }
            }
        }
    }
}

enum Collections {
    /// Filters, sorts and pages `objects`, then renders the page.
    static func list(
        type: String, objects: [JSON], request: SimRequest, model: ControllerModel, renderer: Renderer,
        origin: String, nameKeyPath: [String] = ["name"]
    ) -> SimResponse {
        let query = CollectionQuery(request)
        var selected = objects
        if let name = query.name {
            selected = selected.filter { $0.value(at: nameKeyPath)?.stringValue == name }
        }
        for filter in query.fieldFilters {
            // Only fields the type actually has filter; unknown parameters are ignored like the controller does.
            guard selected.contains(where: { $0[filter.field] != nil }) else { continue }
            selected = selected.filter { object in
                switch object[filter.field] {
                case .string(let s)?: return s == filter.value
                case .bool(let b)?: return String(b) == filter.value.lowercased()
                case .int(let i)?: return String(i) == filter.value
                default: return false
                }
            }
        }
        if let cloudUUID = query.cloudUUID {
            selected = selected.filter { $0["cloud_ref"]?.stringValue == Ref.path("cloud", cloudUUID) }
        }
        if let cloudName = query.cloudName {
            let uuid = model.store.uuid("cloud", named: cloudName) ?? "-"
            selected = selected.filter { $0["cloud_ref"]?.stringValue == Ref.path("cloud", uuid) }
        }
        if let refersTo = query.refersTo {
            let parts = refersTo.split(separator: ":", maxSplits: 1).map(String.init)
            let target = parts.count == 2 ? Ref.path(parts[0], parts[1]) : "-"
            selected = selected.filter { object in
                var refs: [String] = []
                Ref.all(in: object, into: &refs)
                return refs.contains(target)
            }
        }
        if !query.referredBy.isEmpty {
            var targets = Set<String>()
            for item in query.referredBy {
                let parts = item.split(separator: ":", maxSplits: 1).map(String.init)
                guard parts.count == 2, let source = model.store.get(parts[0], parts[1]) else { continue }
                var refs: [String] = []
                Ref.all(in: source, into: &refs)
                targets.formUnion(refs)
            }
            selected = selected.filter { targets.contains(Ref.path(type, $0["uuid"]?.stringValue ?? "")) }
        }
        if let sort = query.sort {
            selected = sorted(selected, by: sort)
        }
        let count = selected.count
        let start = (query.page - 1) * query.pageSize
        let pageItems = start < count ? Array(selected[start..<min(count, start + query.pageSize)]) : []
        if type == "sslkeyandcertificate" {
            model.ensureCertificateMaterial(pageItems.compactMap { $0["uuid"]?.stringValue })
        }
        var pageRenderer = renderer
        pageRenderer.includeName = query.includeName
        pageRenderer.fields = query.fields
        pageRenderer.joinRuntime = query.joinRuntime
        let results: [JSON] = pageItems.map { item in
            // Re-read certificates: material may have just been attached.
            if type == "sslkeyandcertificate", let uuid = item["uuid"]?.stringValue, let fresh = model.store.get(type, uuid) {
                return pageRenderer.render(type: type, fresh)
            }
            return pageRenderer.render(type: type, item)
        }
        var envelope: [JSON.Member] = [
            .init(key: "count", value: .num(count)),
            .init(key: "results", value: .array(results)),
        ]
        if start + query.pageSize < count {
            envelope.append(.init(key: "next", value: .string(nextURL(request: request, origin: origin, page: query.page + 1))))
        }
        return .json(200, .object(envelope))
    }

    static func nextURL(request: SimRequest, origin: String, page: Int) -> String {
        var items = ["page=\(page)"]
        for (key, value) in request.queryItems where key != "page" {
            items.append("\(FormEncoding.escape(key))=\(FormEncoding.escape(value))")
        }
        return origin + request.path + "?" + items.joined(separator: "&")
    }

    /// `sort=name`, `sort=-certificate.not_after`; ties keep stored order.
    static func sorted(_ objects: [JSON], by spec: String) -> [JSON] {
        let descending = spec.hasPrefix("-")
        let path = (descending ? String(spec.dropFirst()) : spec).split(separator: ".").map(String.init)
        let indexed = objects.enumerated().map { (index: $0.offset, key: $0.element.value(at: path), object: $0.element) }
        return indexed.sorted { a, b in
            let order = compare(a.key, b.key)
            if order == 0 { return a.index < b.index }
            return descending ? order > 0 : order < 0
        }.map(\.object)
    }

    /// Missing values sort last in ascending order.
    static func compare(_ a: JSON?, _ b: JSON?) -> Int {
        switch (a, b) {
        case (nil, nil): return 0
        case (nil, _): return 1
        case (_, nil): return -1
        case let (x?, y?):
            if let dx = numeric(x), let dy = numeric(y) { return dx == dy ? 0 : (dx < dy ? -1 : 1) }
            let sx = text(x), sy = text(y)
            return sx == sy ? 0 : (sx < sy ? -1 : 1)
        }
    }

    private static func numeric(_ value: JSON) -> Double? {
        switch value {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    private static func text(_ value: JSON) -> String {
        switch value {
        case .string(let s): return s
        case .bool(let b): return b ? "1" : "0"
        default: return String(decoding: value.serialized(), as: UTF8.self)
        }
    }
}

import Foundation

/// Fault knobs that tests turn at runtime.
struct FaultState {
    var latency: TimeInterval = 0
    var malformedBodies = false
    var malformedPathPrefix: String?
    var connectionsToDrop = 0
    var staleWrites = 0
    /// The next systemconfiguration PUT: the connection drops without an answer and the change
    /// is committed this many seconds later (a slow controller finishing after the client gave up).
    var commitAfterDrop: TimeInterval?
    /// The next N systemconfiguration PUTs are applied, then answered 500.
    var appliedButError = 0
    /// While set and in the future, the API answers 503.
    var downUntil: Date?
    /// Set when a failover window is pending its leader change.
    var failoverPending = false
    /// Every `/api/` request answers 401 although `/login` succeeds (a session store that
    /// forgets each session at once).
    var rejectSessions = false
    /// GETs under these prefixes answer 403, as for a user whose role lacks the read permission.
    var forbiddenPathPrefixes: [String] = []
    /// Collection envelopes under a path prefix that lie about paging.
    var pagingLie: (pathPrefix: String, lie: PagingLie)?

    /// Fields served wrongly typed or left out (`FieldFault`).
    var fieldFaults: [FieldFault] = []

    func isForbidden(_ path: String) -> Bool {
        forbiddenPathPrefixes.contains { path.hasPrefix($0) }
    }

    func isDown(at now: Date) -> Bool {
        guard let downUntil else { return false }
        return now < downUntil
    }

    func malformedApplies(to path: String) -> Bool {
        guard malformedBodies else { return false }
        guard let prefix = malformedPathPrefix, !prefix.isEmpty else { return true }
        return path.hasPrefix(prefix)
    }

    /// A truncated, invalid JSON document that still claims to be JSON.
    static func mangle(_ body: [UInt8]) -> [UInt8] {
        guard body.count > 2 else { return Array("{\"count\": ".utf8) }
        return Array(body.prefix(max(1, body.count / 2))) + Array("\u{0}\",]".utf8)
    }
}

/// How a collection envelope lies about paging (tests that clients bound every paged read).
public enum PagingLie: Sendable, Equatable {
    /// `count` says this many objects, and `next` is present on every page, even past the end.
    case inflatedCount(Int)
    /// `next` always names page 2, whatever page was read.
    case repeatingNext
    /// `next` points at another host.
    case foreignNext(host: String)

    /// Rewrites a `{count, results, next}` body; other bodies pass unchanged.
    func apply(to body: [UInt8], request: SimRequest, origin: String) -> [UInt8] {
        guard var json = try? JSON.parse(body), json["results"] != nil else { return body }
        let page = Int(request.queryValue("page") ?? "") ?? 1
        var query = request.queryItems.filter { $0.name != "page" }.map { "\($0.name)=\($0.value)" }
        func link(_ base: String, page: Int) -> JSON {
            query.append("page=\(page)")
            defer { query.removeLast() }
            return .string("\(base)\(request.path)?\(query.joined(separator: "&"))")
        }
        switch self {
        case let .inflatedCount(count):
            json["count"] = .num(count)
            json["next"] = link(origin, page: page + 1)
        case .repeatingNext:
            json["next"] = link(origin, page: 2)
        case let .foreignNext(host):
            json["next"] = link("https://\(host)", page: page + 1)
        }
        return json.serialized()
    }
}

import Foundation

/// The collection envelope: `{"count": N, "results": [...], "next": "https://…?page=2…"}`.
struct CollectionPage<Item: Decodable>: Decodable {
    var count: Int?
    var results: [Item]
    var next: String?
    /// Items that could not be decoded (index within this page), kept to be shown, not dropped.
    var unusable: [UnusableItem] = []
    /// Objects the page held, usable or not: what "a short page" is judged by.
    var received: Int { results.count + unusable.count }

    enum CodingKeys: String, CodingKey { case count, results, next }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        count = try c.decodeIfPresent(Int.self, forKey: .count)
        // Item by item: one object we cannot use never costs the rest of the page.
        let entries = try c.decodeIfPresent([ItemOrProblem<Item>].self, forKey: .results) ?? []
        results = []
        results.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            switch entry {
            case let .item(item): results.append(item)
            case let .problem(uuid, name, detail): unusable.append(UnusableItem(index: index, uuid: uuid, name: name, problem: detail))
            }
        }
        next = try c.decodeIfPresent(String.self, forKey: .next)
    }

    /// The unusable items with their index in the whole collection.
    func unusable(onPage number: Int, pageSize: Int) -> [UnusableItem] {
        unusable.map { UnusableItem(index: $0.index + (number - 1) * pageSize, uuid: $0.uuid, name: $0.name, problem: $0.problem) }
    }
}

/// A collection read in full, and the number of requests it took.
public struct CollectionResult<Item: Sendable>: Sendable {
    public var items: [Item]
    public var count: Int
    public var requests: Int
    /// Objects the controller sent that could not be decoded, with the reason.
    public var unusable: [UnusableItem]

    public init(items: [Item], count: Int, requests: Int, unusable: [UnusableItem] = []) {
        self.items = items
        self.count = count
        self.requests = requests
        self.unusable = unusable
    }
}

extension AviSession {
    /// The largest page the SDK and Avi's own scripts use.
    public static let pageSize = 200
    /// No collection is read beyond this many pages (100,000 objects at 200 per page): a
    /// controller that claims more gets a clear error, never an endless read.
    public static let maxPages = 500
    /// Pages read beyond what the first page's `count` announced (the collection grew meanwhile).
    static let extraPages = 5

    /// Reads every page of a collection. After the first page the remaining pages are
    /// fetched in parallel, a few at a time. The controller's envelope is not trusted:
    /// an empty or short page ends the read; the number of pages is capped by the first
    /// page's `count` (plus `extraPages` for growth) and by `maxPages`; a `next` that
    /// repeats, or names another host or path, is never followed.
    ///
    /// Nonisolated: pages are decoded off the session actor, in parallel on every core.
    public nonisolated func collection<Item: Decodable & Sendable>(_ type: Item.Type, _ path: String, query: [URLQueryItem] = [],
                                                       tenant: String? = nil, limit: Int? = nil,
                                                       keepBodies: Bool = false) async throws -> CollectionResult<Item> {
        let pageSize = min(Self.pageSize, limit ?? Self.pageSize)
        let first: CollectionPage<Item> = try await page(path, query: query, page: 1, pageSize: pageSize, tenant: tenant, keepBodies: keepBodies)
        var items = first.results
        var unusable = first.unusable
        var requests = 1
        let announced = max(first.count ?? first.received, first.received)
        let origin = await controller
        // A short or empty first page is the whole collection, whatever `count` and `next` say.
        // Pages 2…N are asked of our own controller by number; a `next` only says there are more.
        guard first.received >= pageSize, first.next != nil, limit.map({ items.count < $0 }) ?? true else {
            return CollectionResult(items: limited(items, limit), count: limit == nil ? items.count : announced, requests: requests,
                                    unusable: unusable)
        }
        let wanted = min(announced, limit ?? announced)
        let lastPage = max(2, (wanted + pageSize - 1) / pageSize)
        guard lastPage <= Self.maxPages else {
            throw AviError.malformedResponse(path: path, detail: "the controller claims \(announced) objects, more than avitui reads (\(Self.maxPages) pages of \(pageSize)) — nothing beyond the first page was read; narrow the request or check the controller")
        }
        let pages = try await withThrowingTaskGroup(of: (Int, CollectionPage<Item>).self) { group in
            var next = 2
            var end = lastPage  // lowered when a page comes back short: nothing after it is asked for
            var done: [Int: CollectionPage<Item>] = [:]
            // A few at a time: fast on a slow link, gentle on the controller.
            for _ in 0..<4 where next <= end {
                let number = next
                group.addTask { (number, try await self.page(path, query: query, page: number, pageSize: pageSize, tenant: tenant, keepBodies: keepBodies)) }
                next += 1
            }
            while let (number, page) = try await group.next() {
                done[number] = page
                if page.received < pageSize { end = min(end, number) }
                if next <= end {
                    let number = next
                    group.addTask { (number, try await self.page(path, query: query, page: number, pageSize: pageSize, tenant: tenant, keepBodies: keepBodies)) }
                    next += 1
                }
            }
            return done
        }
        requests += pages.count
        var lastRead = 1
        for number in 2...lastPage {
            guard let page = pages[number] else { break }
            items += page.results
            unusable += page.unusable(onPage: number, pageSize: pageSize)
            lastRead = number
            if page.received < pageSize { break }
        }
        // The collection grew while we read it: follow the envelope, within bounds, to the real end.
        var seen: Set<String> = [first.next].compactMap { $0 }.reduce(into: []) { $0.insert($1) }
        var cursor = pages[lastRead].flatMap { page in page.received < pageSize ? nil : page.next }
        var pageNumber = lastRead
        while NextLink.isFollowable(cursor, origin: origin, path: path, seen: seen), limit.map({ items.count < $0 }) ?? true {
            guard pageNumber < min(lastPage + Self.extraPages, Self.maxPages) else {
                throw AviError.malformedResponse(path: path, detail: "the controller kept offering pages beyond the \(announced) objects it announced — stopped after \(pageNumber) pages; try again")
            }
            if let cursor { seen.insert(cursor) }
            pageNumber += 1
            let page: CollectionPage<Item> = try await self.page(path, query: query, page: pageNumber, pageSize: pageSize, tenant: tenant, keepBodies: keepBodies)
            requests += 1
            items += page.results
            unusable += page.unusable(onPage: pageNumber, pageSize: pageSize)
            cursor = page.received < pageSize ? nil : page.next
        }
        return CollectionResult(items: limited(items, limit), count: limit == nil ? items.count : max(announced, items.count), requests: requests,
                                unusable: unusable)
    }

    /// Decodes one JSON object; a body that does not decode names the endpoint.
    public nonisolated func object<Item: Decodable>(_ type: Item.Type, _ path: String, query: [URLQueryItem] = [], tenant: String? = nil) async throws -> Item {
        let response = try await send(.get, path, query: query, tenant: tenant)
        return try Self.decode(Item.self, from: response.body, path: path, keepBodies: true)
    }

    static func decode<Item: Decodable>(_ type: Item.Type, from body: Data, path: String, keepBodies: Bool = false) throws -> Item {
        let decoder = JSONDecoder()
        if keepBodies, let key = SSLCertificate.keepBodies { decoder.userInfo[key] = true }
        do { return try decoder.decode(Item.self, from: body) } catch {
            throw AviError.malformedResponse(path: path, detail: DecodingErrorText.describe(error))
        }
    }

    private nonisolated func page<Item: Decodable>(_ path: String, query: [URLQueryItem], page: Int, pageSize: Int, tenant: String?,
                                                   keepBodies: Bool) async throws -> CollectionPage<Item> {
        var items = query
        items.append(URLQueryItem(name: "page_size", value: String(pageSize)))
        if page > 1 { items.append(URLQueryItem(name: "page", value: String(page))) }
        let response = try await send(.get, path, query: items, tenant: tenant)
        return try Self.decode(CollectionPage<Item>.self, from: response.body, path: path, keepBodies: keepBodies)
    }

    private nonisolated func limited<Item>(_ items: [Item], _ limit: Int?) -> [Item] {
        guard let limit, items.count > limit else { return items }
        return Array(items.prefix(limit))
    }
}

extension CollectionPage: Sendable where Item: Sendable {}

/// Whether a collection's `next` link may be followed: present, new, and on the same
/// controller and collection as the request (never another host, scheme or path).
enum NextLink {
    static func isFollowable(_ next: String?, origin: URL, path: String, seen: Set<String>) -> Bool {
        guard let next, !next.isEmpty, !seen.contains(next), let url = URL(string: next) else { return false }
        // A relative link stays on the controller; an absolute one must name it.
        if let scheme = url.scheme {
            guard scheme.lowercased() == "https", url.host?.lowercased() == origin.host?.lowercased(),
                  (url.port ?? 443) == (origin.port ?? 443) else { return false }
        }
        return url.path == path
    }
}

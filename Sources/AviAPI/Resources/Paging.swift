import Foundation

/// The collection envelope: `{"count": N, "results": [...], "next": "https://…?page=2…"}`.
struct CollectionPage<Item: Decodable>: Decodable {
    var count: Int?
    var results: [Item]
    var next: String?

    enum CodingKeys: String, CodingKey { case count, results, next }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        count = try c.decodeIfPresent(Int.self, forKey: .count)
        results = try c.decodeIfPresent([Item].self, forKey: .results) ?? []
        next = try c.decodeIfPresent(String.self, forKey: .next)
    }
}

/// A collection read in full, and the number of requests it took.
public struct CollectionResult<Item: Sendable>: Sendable {
    public var items: [Item]
    public var count: Int
    public var requests: Int

    public init(items: [Item], count: Int, requests: Int) {
        self.items = items
        self.count = count
        self.requests = requests
    }
}

extension AviSession {
    /// The largest page the SDK and Avi's own scripts use.
    public static let pageSize = 200

    /// Reads every page of a collection. After the first page the remaining pages are
    /// fetched in parallel; the last page must carry no `next`, else the rest is followed.
    ///
    /// Nonisolated: pages are decoded off the session actor, in parallel on every core.
    public nonisolated func collection<Item: Decodable & Sendable>(_ type: Item.Type, _ path: String, query: [URLQueryItem] = [],
                                                       tenant: String? = nil, limit: Int? = nil,
                                                       keepBodies: Bool = false) async throws -> CollectionResult<Item> {
        let pageSize = min(Self.pageSize, limit ?? Self.pageSize)
        let first: CollectionPage<Item> = try await page(path, query: query, page: 1, pageSize: pageSize, tenant: tenant, keepBodies: keepBodies)
        var items = first.results
        var requests = 1
        let total = first.count ?? first.results.count
        guard first.next != nil, limit.map({ items.count < $0 }) ?? true else {
            return CollectionResult(items: limited(items, limit), count: total, requests: requests)
        }
        let wanted = min(total, limit ?? total)
        let lastPage = max(2, (wanted + pageSize - 1) / pageSize)
        let pages = try await withThrowingTaskGroup(of: (Int, CollectionPage<Item>).self) { group in
            var next = 2
            var done: [Int: CollectionPage<Item>] = [:]
            // A few at a time: fast on a slow link, gentle on the controller.
            for _ in 0..<4 where next <= lastPage {
                let number = next
                group.addTask { (number, try await self.page(path, query: query, page: number, pageSize: pageSize, tenant: tenant, keepBodies: keepBodies)) }
                next += 1
            }
            while let (number, page) = try await group.next() {
                done[number] = page
                if next <= lastPage {
                    let number = next
                    group.addTask { (number, try await self.page(path, query: query, page: number, pageSize: pageSize, tenant: tenant, keepBodies: keepBodies)) }
                    next += 1
                }
            }
            return done
        }
        requests += pages.count
        for number in 2...lastPage { items += pages[number]?.results ?? [] }
        // The collection grew while we read it: follow the envelope to the real end.
        var cursor = pages[lastPage]?.next
        var pageNumber = lastPage
        while let next = cursor, limit.map({ items.count < $0 }) ?? true, pageNumber < 10_000 {
            pageNumber += 1
            let page: CollectionPage<Item> = try await self.page(path, query: query, page: pageNumber, pageSize: pageSize, tenant: tenant, keepBodies: keepBodies)
            requests += 1
            items += page.results
            cursor = page.next == next ? nil : page.next
        }
        return CollectionResult(items: limited(items, limit), count: max(total, items.count), requests: requests)
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

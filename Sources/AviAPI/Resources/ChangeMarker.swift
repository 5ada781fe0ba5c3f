import Foundation

/// What a one-object read tells about a whole collection: how many objects it holds and
/// the newest `_last_modified` among them (REFERENCE §2.5: every write changes it). Equal
/// markers mean no object was added, removed or changed, so the collection need not be read
/// again. Runtime state (an SE's oper state) is not configuration and is not covered.
public struct ChangeMarker: Sendable, Equatable {
    public var count: Int
    /// Microseconds since the epoch, as text; nil when the controller sent none.
    public var newestModification: String?

    public init(count: Int, newestModification: String?) {
        self.count = count
        self.newestModification = newestModification
    }
}

/// Only the field the marker needs; `uuid`, `name` and `url` always come along.
struct ModificationStamp: Decodable, Sendable {
    var lastModified: String?
    enum CodingKeys: String, CodingKey { case lastModified = "_last_modified" }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        lastModified = try? c.decodeIfPresent(String.self, forKey: .lastModified)
    }
}

extension AviClient {
    /// One request of about 400 bytes: `page_size=1&sort=-_last_modified&fields=_last_modified`.
    /// Costs the same for 5 or 5,000 objects.
    public func changeMarker(_ path: String) async throws -> ChangeMarker {
        let page = try await session.collection(ModificationStamp.self, path,
                                                query: [URLQueryItem(name: "sort", value: "-_last_modified"),
                                                        URLQueryItem(name: "fields", value: "_last_modified")],
                                                tenant: "*", limit: 1)
        return ChangeMarker(count: page.count, newestModification: page.items.first?.lastModified)
    }
}

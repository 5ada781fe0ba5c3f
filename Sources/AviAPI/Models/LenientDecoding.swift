import Foundation

extension KeyedDecodingContainer {
    /// The value when present and of the expected type; nil when absent, null or of another
    /// type. Models decode every field this way except the object's identity, so one odd
    /// field (a newer controller, a bug, a hand-edited object) costs that field, never the
    /// whole object, the whole collection or the login.
    func lenient<T: Decodable>(_ type: T.Type, forKey key: Key) -> T? {
        (try? decodeIfPresent(type, forKey: key)) ?? nil
    }
}

/// One collection item that could not be used (no uuid, or not an object), kept so that it
/// is shown with its problem instead of silently dropped.
public struct UnusableItem: Sendable, Equatable {
    /// Position in the collection (0-based, across pages).
    public var index: Int
    public var uuid: String?
    public var name: String?
    /// What was wrong, in the decoder's words with the field path.
    public var problem: String

    public init(index: Int, uuid: String?, name: String?, problem: String) {
        self.index = index
        self.uuid = uuid
        self.name = name
        self.problem = problem
    }

    /// `se-0050…` / `#12: …`: how the item is named in one line.
    public var label: String { name ?? uuid ?? "item #\(index + 1)" }
}

/// Decodes one array element as `Item`, or keeps what identifies it and why it failed.
enum ItemOrProblem<Item: Decodable>: Decodable {
    case item(Item)
    case problem(uuid: String?, name: String?, detail: String)

    private struct Identity: Decodable {
        var uuid: String?
        var name: String?
        init(from decoder: Decoder) throws {
            let c = try? decoder.container(keyedBy: Keys.self)
            uuid = c?.lenient(String.self, forKey: .uuid)
            name = c?.lenient(String.self, forKey: .name)
        }
        enum Keys: String, CodingKey { case uuid, name }
    }

    init(from decoder: Decoder) throws {
        do {
            self = .item(try Item(from: decoder))
        } catch {
            let identity = try? Identity(from: decoder)
            self = .problem(uuid: identity?.uuid, name: identity?.name, detail: DecodingErrorText.describe(error))
        }
    }
}

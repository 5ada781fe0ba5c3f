import Foundation

/// An HTTP method the controller API uses.
public enum HTTPMethod: String, Sendable, Codable {
    case get = "GET", post = "POST", put = "PUT", patch = "PATCH", delete = "DELETE"

    /// True for every method that can change the controller.
    public var isMutating: Bool { self != .get }
}

/// One request as the transport sends it: an absolute URL, headers and an optional body.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    public var url: URL
    public var headers: [(String, String)]
    public var body: Data?

    public init(method: HTTPMethod, url: URL, headers: [(String, String)] = [], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// One response: status, headers (names lower-cased, repeated headers kept in order) and body.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: Data

    public init(status: Int, headers: [(String, String)], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.0 == lower }?.1
    }

    /// Every value of a header (e.g. each `Set-Cookie`).
    public func headers(named name: String) -> [String] {
        let lower = name.lowercased()
        return headers.filter { $0.0 == lower }.map(\.1)
    }
}

/// Sends requests. The real one is `CurlTransport`; tests may wrap it.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

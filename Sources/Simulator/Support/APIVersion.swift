import Foundation

/// A dotted Avi release / API version such as `31.2.1`, compared numerically.
struct APIVersion: Comparable, Hashable, Sendable, CustomStringConvertible {
    let parts: [Int]

    /// The version the controller assumes when `X-Avi-Version` is absent.
    static let legacyDefault = APIVersion(parts: [16, 4, 2])

    init(parts: [Int]) { self.parts = parts }

    /// Accepts `30.2.1`, `16_4_2`, and persona spellings like `20.1.x` (x → 1).
    init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let pieces = trimmed.split(whereSeparator: { $0 == "." || $0 == "_" })
        guard (1...4).contains(pieces.count) else { return nil }
        var parts: [Int] = []
        for (index, piece) in pieces.enumerated() {
            if let n = Int(piece), n >= 0 {
                parts.append(n)
            } else if index > 0, piece.lowercased() == "x" {
                parts.append(1)
            } else {
                return nil
            }
        }
        while parts.count < 3 { parts.append(0) }
        self.parts = parts
    }

    var description: String { parts.map(String.init).joined(separator: ".") }

    /// The spelling of the `AVI_API_VERSION` response header.
    var headerValue: String {
        self == .legacyDefault ? "16_4_2" : description
    }

    static func < (lhs: APIVersion, rhs: APIVersion) -> Bool {
        let count = max(lhs.parts.count, rhs.parts.count)
        for i in 0..<count {
            let l = i < lhs.parts.count ? lhs.parts[i] : 0
            let r = i < rhs.parts.count ? rhs.parts[i] : 0
            if l != r { return l < r }
        }
        return false
    }

    static func == (lhs: APIVersion, rhs: APIVersion) -> Bool {
        !(lhs < rhs) && !(rhs < lhs)
    }

    func hash(into hasher: inout Hasher) {
        var trimmed = parts
        while trimmed.last == 0 { trimmed.removeLast() }
        hasher.combine(trimmed)
    }
}

extension APIVersion: ExpressibleByStringLiteral {
    init(stringLiteral value: String) {
        self = APIVersion(value) ?? .legacyDefault
    }
}

/// A shell-style name pattern for `--include`/`--exclude`: `*` any run of characters,
/// `?` one character, `[abc]`, `[a-z]`, `[!abc]` a set, `\` escapes. Case-sensitive, like the shell.
public struct NamePattern: Sendable, Equatable, CustomStringConvertible {
    public let pattern: String
    private let tokens: [Token]

    private enum Token: Sendable, Equatable {
        case literal(Character)
        case any
        case anyRun
        case set([SetItem], negated: Bool)
    }

    private enum SetItem: Sendable, Equatable {
        case single(Character)
        case range(Character, Character)
    }

    public init(_ pattern: String) {
        self.pattern = pattern
        var tokens: [Token] = []
        let characters = Array(pattern)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "*":
                if tokens.last != .anyRun { tokens.append(.anyRun) }
            case "?":
                tokens.append(.any)
            case "\\" where index + 1 < characters.count:
                index += 1
                tokens.append(.literal(characters[index]))
            case "[":
                if let (set, end) = Self.parseSet(characters, from: index + 1) {
                    tokens.append(set)
                    index = end
                } else {
                    tokens.append(.literal("["))  // an unclosed bracket is literal, as in the shell
                }
            default:
                tokens.append(.literal(character))
            }
            index += 1
        }
        self.tokens = tokens
    }

    public var description: String { pattern }

    public func matches(_ name: String) -> Bool {
        let text = Array(name)
        // Iterative matching with one backtrack point for the last `*`: linear for typical patterns.
        var t = 0, p = 0
        var starToken = -1, starText = 0
        while t < text.count {
            if p < tokens.count, tokens[p] != .anyRun, Self.matchOne(tokens[p], text[t]) {
                t += 1
                p += 1
            } else if p < tokens.count, tokens[p] == .anyRun {
                starToken = p
                starText = t
                p += 1
            } else if starToken >= 0 {
                starText += 1
                t = starText
                p = starToken + 1
            } else {
                return false
            }
        }
        while p < tokens.count, tokens[p] == .anyRun { p += 1 }
        return p == tokens.count
    }

    private static func matchOne(_ token: Token, _ character: Character) -> Bool {
        switch token {
        case let .literal(expected): return expected == character
        case .any: return true
        case .anyRun: return true
        case let .set(items, negated):
            let inSet = items.contains { item in
                switch item {
                case let .single(c): return c == character
                case let .range(low, high): return low <= character && character <= high
                }
            }
            return inSet != negated
        }
    }

    /// Parses `[...]` starting after the `[`; returns the token and the index of the closing `]`.
    private static func parseSet(_ characters: [Character], from start: Int) -> (Token, Int)? {
        var index = start
        var negated = false
        if index < characters.count, characters[index] == "!" || characters[index] == "^" {
            negated = true
            index += 1
        }
        var items: [SetItem] = []
        var first = true
        while index < characters.count {
            let character = characters[index]
            if character == "]" && !first { return (.set(items, negated: negated), index) }
            first = false
            if index + 2 < characters.count, characters[index + 1] == "-", characters[index + 2] != "]" {
                items.append(.range(character, characters[index + 2]))
                index += 3
            } else {
                items.append(.single(character))
                index += 1
            }
        }
        return nil
    }
}

/// `--include`/`--exclude`: a name passes when it matches any include (or none were
/// given) and no exclude.
public struct NameFilter: Sendable, Equatable {
    public var include: [NamePattern]
    public var exclude: [NamePattern]

    public init(include: [String] = [], exclude: [String] = []) {
        self.include = include.map(NamePattern.init)
        self.exclude = exclude.map(NamePattern.init)
    }

    public var isActive: Bool { !include.isEmpty || !exclude.isEmpty }

    public func accepts(_ name: String) -> Bool {
        (include.isEmpty || include.contains { $0.matches(name) }) && !exclude.contains { $0.matches(name) }
    }
}

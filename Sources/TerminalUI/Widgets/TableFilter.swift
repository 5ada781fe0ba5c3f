import Foundation

/// The `/` filter as operators type it: words that must all match (AND).
///
/// Each word is `[!][column:][op]value`:
/// - `cert` — some field contains "cert" (any case);
/// - `!SUCCESS` — no field contains "success";
/// - `status:none` — the Status column contains "none"; `status:!none` or
///   `!status:none` — it does not;
/// - `state:=up` — the column is exactly "up" (`!=` for "is not");
/// - `days:<30`, `days:>=0`, `ms:>500` — numbers compare as numbers (a cell
///   that is not a number never matches a comparison);
/// - `expiry:"not yet valid"` — double quotes keep spaces in a value.
///
/// A column is named by its title without spaces or case (`commonname`), or
/// by the start of one (`cn` is not a prefix, `common` is). A word whose
/// column names no column is matched as plain text, so `04:44` still finds a time.
public struct TableFilter: Hashable, Sendable {
    /// How a word compares a cell with its value.
    public enum Comparison: String, Hashable, Sendable {
        case contains = ""
        case equals = "="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
    }

    /// One word of the filter.
    public struct Term: Hashable, Sendable {
        public var negated: Bool
        /// The column name as typed (lowercased), if the word had one.
        public var column: String?
        public var comparison: Comparison
        /// Lowercased value to compare with.
        public var value: String
        /// The word as typed, for matching as plain text when the column is unknown.
        public var raw: String

        /// Whether `text` satisfies the comparison (before negation).
        func compares(_ text: String) -> Bool {
            switch comparison {
            case .contains: return value.isEmpty || text.localizedCaseInsensitiveContains(value)
            case .equals:
                if let a = TableFilter.number(text), let b = TableFilter.number(value) { return a == b }
                return text.lowercased() == value
            case .less, .lessOrEqual, .greater, .greaterOrEqual:
                guard let a = TableFilter.number(text), let b = TableFilter.number(value) else { return false }
                switch comparison {
                case .less: return a < b
                case .lessOrEqual: return a <= b
                case .greater: return a > b
                default: return a >= b
                }
            }
        }
    }

    public let text: String
    public let terms: [Term]

    public init(_ text: String) {
        self.text = text
        terms = TableFilter.words(text).compactMap(TableFilter.term)
    }

    public var isEmpty: Bool { terms.isEmpty }

    /// The index of the column a name means: the title without spaces and case,
    /// equal first, else the first title that starts with it.
    public static func columnIndex(_ name: String, titles: [String]) -> Int? {
        let wanted = normalized(name)
        guard !wanted.isEmpty else { return nil }
        let keys = titles.map(normalized)
        return keys.firstIndex(of: wanted) ?? keys.firstIndex { $0.hasPrefix(wanted) }
    }

    /// Whether a row matches every word.
    /// - Parameters:
    ///   - titles: the table's column titles, to resolve `column:` words.
    ///   - cell: the text of column `i` of this row.
    ///   - fields: every searchable text of the row (for words without a column).
    public func matches(titles: [String], cell: (Int) -> String, fields: () -> [String]) -> Bool {
        var allFields: [String]?
        for term in terms {
            let hit: Bool
            if let column = term.column, let index = TableFilter.columnIndex(column, titles: titles) {
                hit = term.compares(cell(index))
            } else {
                let words = allFields ?? fields()
                allFields = words
                if term.column != nil {
                    // An unknown column: the word as typed is plain text.
                    hit = words.contains { $0.localizedCaseInsensitiveContains(term.raw) }
                } else {
                    hit = words.contains { term.compares($0) }
                }
            }
            if hit == term.negated { return false }
        }
        return true
    }

    // MARK: - Parsing

    static func normalized(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) })
    }

    /// A number in a cell: `12`, `-3`, `1.5`; nil for anything else.
    static func number(_ text: String) -> Double? {
        Double(text.trimmingCharacters(in: .whitespaces))
    }

    /// Words split at spaces outside double quotes; the quotes are removed.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        var started = false
        for character in text {
            if character == "\"" {
                quoted.toggle()
                started = true
            } else if character == " " && !quoted {
                if started { words.append(current) }
                current = ""
                started = false
            } else {
                current.append(character)
                started = true
            }
        }
        if started { words.append(current) }
        return words
    }

    static func term(_ word: String) -> Term? {
        var rest = Substring(word)
        var negated = false
        if rest.hasPrefix("!") {
            negated = true
            rest = rest.dropFirst()
        }
        var column: String?
        if let colon = rest.firstIndex(of: ":"), colon != rest.startIndex {
            let name = rest[..<colon]
            if name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) {
                column = name.lowercased()
                rest = rest[rest.index(after: colon)...]
            }
        }
        if rest.hasPrefix("!") {
            negated.toggle()
            rest = rest.dropFirst()
        }
        var comparison = Comparison.contains
        for candidate in [Comparison.lessOrEqual, .greaterOrEqual, .less, .greater, .equals] where rest.hasPrefix(candidate.rawValue) {
            comparison = candidate
            rest = rest.dropFirst(candidate.rawValue.count)
            break
        }
        if column == nil && comparison == .contains && rest.isEmpty { return nil }
        return Term(negated: negated, column: column, comparison: comparison, value: rest.lowercased(), raw: word)
    }
}

import Foundation

/// Finds and reads compiled terminfo entries without ncurses (only `TerminalUI/Ncurses*`
/// may link it): the search order of terminfo(5), and the numbers in an entry's header.
public struct TerminfoDatabase: Sendable {
    public var environment: [String: String]

    public init(environment: [String: String]) { self.environment = environment }

    /// `$TERMINFO`, `~/.terminfo`, `$TERMINFO_DIRS`, then the system directories, as ncurses searches.
    public var searchDirectories: [String] {
        var directories: [String] = []
        if let own = environment["TERMINFO"], !own.isEmpty { directories.append(own) }
        if let home = environment["HOME"], !home.isEmpty { directories.append(home + "/.terminfo") }
        for entry in (environment["TERMINFO_DIRS"] ?? "").split(separator: ":", omittingEmptySubsequences: true) {
            directories.append(String(entry))
        }
        directories += ["/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo", "/usr/lib/terminfo"]
        var seen = Set<String>()
        return directories.filter { seen.insert($0).inserted }
    }

    /// The compiled entry for `term`, if any directory has one (`x/xterm`, or `78/xterm` on case-insensitive systems).
    public func locate(_ term: String, fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }) -> String? {
        guard let first = term.utf8.first, !term.contains("/"), term != "." && term != ".." else { return nil }
        let letter = String(UnicodeScalar(first))
        let hex = String(format: "%02x", first)
        for directory in searchDirectories {
            for candidate in ["\(directory)/\(letter)/\(term)", "\(directory)/\(hex)/\(term)"] where fileExists(candidate) {
                return candidate
            }
        }
        return nil
    }

    /// What `doctor` reports of an entry.
    public struct Capabilities: Sendable, Equatable {
        public var names: String
        public var colors: Int?
        public var pairs: Int?
    }

    /// Reads `max_colors` (number 13) and `max_pairs` (number 14) from a compiled entry:
    /// the legacy format (magic 0432, 16-bit numbers) or ncurses 6's (01036, 32-bit).
    public static func parse(_ data: [UInt8]) -> Capabilities? {
        guard data.count >= 12 else { return nil }
        func short(_ offset: Int) -> Int { Int(Int16(bitPattern: UInt16(data[offset]) | UInt16(data[offset + 1]) << 8)) }
        let magic = short(0)
        let numberSize: Int
        switch magic {
        case 0o432: numberSize = 2
        case 0o1036: numberSize = 4
        default: return nil
        }
        let namesSize = short(2), booleanCount = short(4), numberCount = short(6)
        guard namesSize >= 0, booleanCount >= 0, numberCount >= 0 else { return nil }
        var offset = 12 + namesSize + booleanCount
        if offset % 2 == 1 { offset += 1 }  // numbers start on an even byte
        guard 12 + namesSize <= data.count else { return nil }
        let names = String(decoding: data[12..<(12 + namesSize)].prefix { $0 != 0 }, as: UTF8.self)
        func number(_ index: Int) -> Int? {
            guard index < numberCount else { return nil }
            let start = offset + index * numberSize
            guard start + numberSize <= data.count else { return nil }
            let value: Int
            if numberSize == 2 {
                value = short(start)
            } else {
                let raw = UInt32(data[start]) | UInt32(data[start + 1]) << 8 | UInt32(data[start + 2]) << 16 | UInt32(data[start + 3]) << 24
                value = Int(Int32(bitPattern: raw))
            }
            return value < 0 ? nil : value  // -1 absent, -2 cancelled
        }
        return Capabilities(names: names, colors: number(13), pairs: number(14))
    }
}

import Foundation

/// `--since` values: a number and a unit, `30s`, `15m`, `2h`, `7d`, `1w`, or several
/// combined (`1h30m`). A bare number is seconds.
public enum SinceDuration {
    /// Seconds, or nil when the text is not a duration.
    public static func parse(_ text: String) -> TimeInterval? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !trimmed.isEmpty else { return nil }
        if let seconds = Int(trimmed), seconds >= 0 { return TimeInterval(seconds) }
        var total: TimeInterval = 0
        var digits = ""
        for character in trimmed {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            guard let value = Int(digits), let unit = unitSeconds[character] else { return nil }
            total += TimeInterval(value) * unit
            digits = ""
        }
        guard digits.isEmpty else { return nil }  // a number without its unit at the end: "1h30"
        return total
    }

    private static let unitSeconds: [Character: TimeInterval] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
}

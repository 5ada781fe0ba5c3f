import Foundation

/// Makes a controller string safe for a plain terminal line: control characters,
/// escape sequences and bidi overrides never reach the terminal.
public enum PlainText {
    public static func safe(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var iterator = text.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            switch scalar.value {
            case 0x1B:  // ESC: drop the whole sequence
                guard let next = iterator.next() else { break }
                if next == "[" {
                    while let c = iterator.next(), !(0x40...0x7E).contains(c.value) {}
                } else if next == "]" || next == "P" || next == "_" || next == "^" {
                    var previous: Unicode.Scalar?
                    while let c = iterator.next() {
                        if c.value == 0x07 || (previous?.value == 0x1B && c == "\\") { break }
                        previous = c
                    }
                }
            case 0x09, 0x0A, 0x0D: out.append(" ")
            case 0x00...0x1F, 0x7F...0x9F: continue
            case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: continue
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}

import Foundation

/// JSON that is safe to print on a terminal and still says exactly what the controller sent.
///
/// `JSONEncoder` escapes C0 controls but writes C1 controls (U+009B is a one-byte CSI),
/// bidi overrides (U+202E) and invisible format characters (ZWSP, BOM) raw. Here every
/// scalar that `SafeText` would not keep as it is becomes a `\uXXXX` escape (a surrogate
/// pair above U+FFFF), so `jq` reads back the original string while the terminal sees ASCII.
/// Only string contents can hold such scalars, so escaping the whole text is valid JSON.
public enum JSONText {
    /// `data` (UTF-8 JSON) with every unsafe scalar escaped.
    public static func escapingUnsafe(_ data: Data) -> Data {
        let text = String(decoding: data, as: UTF8.self)
        guard needsEscaping(text) else { return data }
        return Data(escapingUnsafe(text).utf8)
    }

    /// `text` (JSON) with every unsafe scalar escaped.
    public static func escapingUnsafe(_ text: String) -> String {
        guard needsEscaping(text) else { return text }
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isUnsafe(scalar) else {
                output.append(scalar)
                continue
            }
            for unit in String(scalar).utf16 {
                output.append(contentsOf: String(format: "\\u%04x", unit).unicodeScalars)
            }
        }
        return String(output)
    }

    static func needsEscaping(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isUnsafe)
    }

    /// Non-ASCII or DEL, and not kept as it is by `SafeText`. ASCII controls are left to
    /// `JSONEncoder`, which escapes them inside strings; outside strings they are layout.
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x7F && SafeText.classify(scalar) != .keep
    }
}

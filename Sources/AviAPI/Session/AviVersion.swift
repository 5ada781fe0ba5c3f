import Foundation

/// The release number that `X-Avi-Version` takes (REFERENCE.md §1.4): `N.N.N`.
///
/// `/login` reports the controller's version as the build names it, sometimes with a patch
/// suffix (`"Version": "22.1.6-2p3"`); sent as is, every request is answered 400. The header
/// carries only the leading release number.
public enum AviVersion {
    /// `22.1.6-2p3` → `22.1.6`, `30.2` → `30.2`, `16_4_2` → `16.4.2`; nil when the text does not
    /// begin with a release number.
    public static func headerValue(_ text: String) -> String? {
        var parts: [String] = []
        var current = ""
        for character in text.trimmingCharacters(in: .whitespaces) {
            if character.isASCII, character.isNumber {
                current.append(character)
            } else if (character == "." || character == "_"), !current.isEmpty, parts.count < 2 {
                parts.append(current)
                current = ""
            } else {
                break
            }
        }
        if !current.isEmpty { parts.append(current) }
        guard parts.count >= 2 else { return nil }
        return parts.prefix(3).joined(separator: ".")
    }
}

/// The former second sanitizer, kept only as a name for `SafeText.sanitize` so work in flight
/// still builds (with a warning); there is one implementation (DECISIONS: One sanitizer).
@available(*, deprecated, renamed: "SafeText.sanitize")
public enum PlainText {
    @available(*, deprecated, renamed: "SafeText.sanitize")
    public static func safe(_ text: String) -> String { SafeText.sanitize(text) }
}

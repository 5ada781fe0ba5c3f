import Console
import Foundation

/// Words shared by the screens: what an empty table says.
enum ScreenText {
    /// "loading certificates…", "could not read certificates: …", or "no certificates".
    static func empty<T>(_ resource: Resource<T>, noun: String, now: Date) -> String {
        if resource.value == nil {
            if let error = resource.error { return "could not read \(noun): \(error)" }
            return "loading \(noun)…"
        }
        return "no \(noun)"
    }
}

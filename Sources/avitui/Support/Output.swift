import Console
import Foundation
import TerminalUI

/// Writing to stdout and stderr, straight to the descriptors (nothing buffered to lose).
///
/// SIGPIPE is ignored for the whole process (`AviTUI.main`), so a reader that went away shows
/// as EPIPE here: stdout's reader gone (`avitui status | head -1`) ends the command quietly
/// with status 0 — there is no one left to tell anything — instead of a crash trace.
enum Output {
    static func out(_ text: String) {
        out(Data(text.utf8))
    }

    static func out(_ data: Data) {
        if !LineWriter.writeAll(Array(data), to: STDOUT_FILENO) && errno == EPIPE { TerminalLifecycle.exitNow(0) }
    }

    static func err(_ text: String) {
        _ = LineWriter.writeAll(Array(text.utf8), to: STDERR_FILENO)
    }

    /// One error line on stderr, `avitui: MESSAGE`. The message may quote the controller (an
    /// error body, an object name), so it passes through the one sanitizer, `SafeText`.
    static func error(_ message: String) {
        err("avitui: " + SafeText.sanitize(message) + "\n")
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Colour only on a terminal and never under NO_COLOR (https://no-color.org).
    static var useColor: Bool {
        stdoutIsTerminal && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
            && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }
}

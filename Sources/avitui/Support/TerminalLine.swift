import Foundation

/// One line typed on the terminal itself (`/dev/tty`), never read from a pipe: a password or
/// passphrase (echo off) or a typed confirmation (echo on). Returns nil when the process has no
/// controlling terminal (cron, CI, a pipe); the line ends at Enter, without it.
enum TerminalLine {
    /// True when `/dev/tty` can be opened (a person can be asked).
    static var available: Bool {
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard tty >= 0 else { return false }
        close(tty)
        return true
    }

    /// Writes `prompt` and reads one line; with `echo: false` what is typed is not shown (and the
    /// terminal's settings are put back afterwards, whatever happens).
    static func read(prompt: String, echo: Bool) -> String? {
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard tty >= 0 else { return nil }
        defer { close(tty) }
        var original = termios()
        if !echo {
            guard tcgetattr(tty, &original) == 0 else { return nil }
        }
        _ = prompt.withCString { write(tty, $0, strlen($0)) }
        if !echo {
            var silent = original
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(tty, TCSAFLUSH, &silent)
        }
        defer {
            if !echo {
                tcsetattr(tty, TCSAFLUSH, &original)
                _ = "\n".withCString { write(tty, $0, 1) }
            }
        }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while Glibc.read(tty, &byte, 1) == 1 {
            if byte == 10 || byte == 13 { break }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A secret (password, passphrase): echo off.
    static func secret(prompt: String) -> String? { read(prompt: prompt, echo: false) }
}

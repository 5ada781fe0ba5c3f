import CNcurses

/// Swift face of the shim's async-signal-safe signal and crash handling.
///
/// Every `cn_sig_*` and `cn_crash_*` call lives in this file on purpose:
/// the shim's state is `static` in a header, and a second Swift file calling
/// them would get a second copy of that state.
enum NcursesSignals {
    /// Installs handlers for SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP and
    /// SIGCONT; returns the self-pipe descriptor to poll, or nil.
    static func install() -> Int32? {
        let fd = cn_sig_install()
        return fd >= 0 ? fd : nil
    }

    /// Back to the default signal dispositions.
    static func uninstall() { cn_sig_uninstall() }

    /// Signals delivered since the last call, oldest first.
    static func drain() -> [Int32] {
        var signals: [Int32] = []
        while true {
            let sig = cn_sig_next()
            if sig == 0 { return signals }
            signals.append(sig)
        }
    }

    /// Stops the process like an unhandled SIGTSTP; returns after SIGCONT.
    static func stopSelf() { cn_sig_stop_self() }

    /// Saves the terminal modes of `fd` before ncurses changes them.
    static func saveModes(fd: Int32) { cn_crash_save_modes(fd) }

    /// Arms the fatal-signal handlers with the terminal's reset sequence.
    static func armCrashGuard(resetSequence: String) { cn_crash_arm(resetSequence) }

    /// The terminal was restored normally: fatal signals need not do it.
    static func disarmCrashGuard() { cn_crash_disarm() }
}

import Foundation
import TerminalUI

/// How the process ends: the terminal restored, stdio flushed, then `_exit`.
///
/// `exit()` runs the C libraries' destructors (libcurl's TLS back end, libtasn1) while a
/// worker thread may still be inside libcurl — a logout given up after its deadline, or a
/// request of a refresher that was stopping. That raced to a SIGSEGV at exit (CI, stop 15:
/// `rotate --complete`, "Bad pointer dereference" in pthread_rwlock_rdlock). Nothing of ours
/// needs those destructors: the only `atexit` hook is the terminal restore, called here first.
enum ProcessExit {
    /// Ends the process with `status` (0–255); never returns.
    static func now(_ status: Int32) -> Never {
        TerminalLifecycle.restore()
        fflush(nil)
        _exit(status)
    }
}

import Foundation

/// The process holds the password, the session id and the CSRF token: a core dump would
/// write them to disk. `harden` runs first thing in `main`: no core file (RLIMIT_CORE 0,
/// soft and hard) and not dumpable (PR_SET_DUMPABLE 0, which also stops a dump piped to
/// systemd-coredump or apport and keeps other processes of the same user from attaching).
enum ProcessHardening {
    /// `prctl` is variadic in C, which Swift cannot call: it is looked up at run time and
    /// called with its fixed integer arguments (the Linux calling conventions pass them alike).
    private typealias PrctlFunction = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
    private static let setDumpable: Int32 = 4  // PR_SET_DUMPABLE from <linux/prctl.h>
    private static let getDumpable: Int32 = 3  // PR_GET_DUMPABLE

    static func harden() {
        var none = rlimit(rlim_cur: 0, rlim_max: 0)
        _ = setrlimit(RLIMIT_CORE_VALUE, &none)
        _ = prctl(setDumpable, 0)
    }

    /// What `doctor` reports: whether a crash of this process could write its memory to disk.
    static var coreDumpsOff: (limit: Bool, notDumpable: Bool) {
        var limit = rlimit()
        let limited = getrlimit(RLIMIT_CORE_VALUE, &limit) == 0 && limit.rlim_cur == 0 && limit.rlim_max == 0
        return (limited, prctl(getDumpable, 0) == 0)
    }

    private static var RLIMIT_CORE_VALUE: __rlimit_resource_t { __rlimit_resource_t(RLIMIT_CORE.rawValue) }

    private static func prctl(_ option: Int32, _ argument: UInt) -> Int32 {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "prctl") else { return -1 }
        return unsafeBitCast(symbol, to: PrctlFunction.self)(option, argument, 0, 0, 0)
    }
}

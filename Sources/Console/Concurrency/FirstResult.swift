import Foundation

/// Whichever comes first: the work, or the fallback after a deadline. A libcurl call
/// cannot be cancelled mid-request, so the work is left behind rather than awaited.
public enum FirstResult {
    /// Returns `work`'s value, or `fallback()` once `seconds` have passed, whichever is first.
    public static func race<T: Sendable>(_ work: @escaping @Sendable () async -> T, orAfter seconds: Double,
                                  fallback: @escaping @Sendable () -> T) async -> T {
        let once = ResumeOnce<T>()
        return await withCheckedContinuation { continuation in
            once.set(continuation)
            Task { once.resume(await work()) }
            Task {
                try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
                once.resume(fallback())
            }
        }
    }
}

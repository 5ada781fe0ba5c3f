import Console

/// After a write of ours (the wizard's rotation, rollback, import, CSR), every resource is read
/// again at once, so the Overview and Certificates show the new secure-channel certificate and
/// new objects without waiting for the 60 s certificate cadence. While paused, one full read
/// (the refreshers stay paused, as `r` does).
public enum RereadAfterWrite {
    /// The wizard's `afterWrite`: returns at once, the reads run in a task.
    public static func using(_ refresher: Refresher) -> @Sendable () -> Void {
        {
            Task {
                if await refresher.isPaused { await refresher.refreshAllOnce() } else { await refresher.refreshNow() }
            }
        }
    }
}

import Dispatch
import Foundation

/// The executable's one signal helper. While it lives, the given signals are noted instead of
/// ending the process (their default action is ignored) and `onSignal` runs at each arrival.
/// `sim` and `exporter` wait on it for INT/TERM, `alerts --follow` stops at its next wake-up,
/// `rotate` reconciles a write in flight before it ends. (The console's own signals go through
/// the terminal shim, which must restore the screen first: see TerminalLifecycle.)
final class SignalNotice: @unchecked Sendable {
    private let queue = DispatchQueue(label: "avitui.signals")
    private let numbers: [Int32]
    private var sources: [DispatchSourceSignal] = []
    private var arrived = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Starts noting `numbers` (e.g. `[SIGINT, SIGTERM]`); `onSignal` gets the signal's number.
    init(_ numbers: [Int32], onSignal: (@Sendable (Int32) -> Void)? = nil) {
        self.numbers = numbers
        queue.sync {
            for number in numbers {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler { [weak self] in
                    self?.note()
                    onSignal?(number)
                }
                source.resume()
                sources.append(source)
            }
        }
    }

    /// Whether one of the signals has arrived.
    var fired: Bool { queue.sync { arrived } }

    /// Suspends until one of the signals arrives (returns at once if one already did).
    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                if self.arrived { continuation.resume() } else { self.waiters.append(continuation) }
            }
        }
    }

    /// Sleeps `seconds` in 0.1 s slices, so a signal is noticed within a tenth of a second.
    /// - Returns: true after the whole sleep, false as soon as a signal has arrived.
    func sleep(seconds: Double) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !fired {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return true }
            try? await Task.sleep(nanoseconds: UInt64(min(left, 0.1) * 1_000_000_000))
        }
        return false
    }

    /// Stops noting: the signals get their default action back.
    func stop() {
        queue.sync {
            for source in sources { source.cancel() }
            sources.removeAll()
            for number in numbers { signal(number, SIG_DFL) }
        }
    }

    /// On `queue`, from a signal source.
    private func note() {
        arrived = true
        let pending = waiters
        waiters.removeAll()
        for waiter in pending { waiter.resume() }
    }
}

import Dispatch
import Foundation

/// Suspends until SIGINT or SIGTERM arrives.
enum SignalWaiter {
    static func waitForTermination() async {
        let box = SignalSources()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            box.install(continuation)
        }
    }

    private final class SignalSources: @unchecked Sendable {
        private let queue = DispatchQueue(label: "avitui.sim.signals")
        private var sources: [DispatchSourceSignal] = []
        private var continuation: CheckedContinuation<Void, Never>?

        func install(_ continuation: CheckedContinuation<Void, Never>) {
            queue.sync {
                self.continuation = continuation
                for sig in [SIGINT, SIGTERM] {
                    signal(sig, SIG_IGN)
                    let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
                    source.setEventHandler { [weak self] in self?.fire() }
                    source.resume()
                    sources.append(source)
                }
            }
        }

        private func fire() {
            continuation?.resume()
            continuation = nil
            for source in sources { source.cancel() }
            sources.removeAll()
        }
    }
}

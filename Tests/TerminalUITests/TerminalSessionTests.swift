import Console
import Foundation
import Testing
@testable import TerminalUI

@Suite struct TerminalSessionTests {
    final class Recorder: @unchecked Sendable {
        var events: [String] = []
        var signals: [Int32] = []
    }

    func session(_ backend: BufferBackend, _ recorder: Recorder) -> TerminalSession {
        TerminalSession(
            backend: backend,
            theme: BuiltinThemes.defaultTheme,
            control: .init(stop: { recorder.events.append("stop") }, terminate: { recorder.events.append("terminate \($0)") }),
            pendingSignals: {
                defer { recorder.signals = [] }
                return recorder.signals
            }
        )
    }

    @Test func tooSmallTerminalShowsTheMessageInsteadOfTheUI() {
        let backend = BufferBackend(size: Size(width: 60, height: 20))
        let recorder = Recorder()
        var drewUI = false
        session(backend, recorder).render { _ in drewUI = true }
        #expect(!drewUI)
        #expect(backend.lines.contains { $0.contains("terminal too small: need 80x24, have 60x20") })
    }

    @Test func bigEnoughTerminalDrawsTheUI() {
        let backend = BufferBackend(size: Size(width: 80, height: 24))
        session(backend, Recorder()).render { canvas in canvas.draw("UI", x: 0, y: 0, style: .plain) }
        #expect(backend.text(row: 0).hasPrefix("UI"))
    }

    @Test func ctrlZSuspendsStopsAndRedrawsOnResume() {
        let backend = BufferBackend(size: Size(width: 80, height: 24))
        let recorder = Recorder()
        recorder.signals = [SIGTSTP]
        let key = session(backend, recorder).nextKey(timeoutMilliseconds: 0)
        #expect(key == .resize)
        #expect(recorder.events == ["stop"])
        #expect(!backend.suspended)
    }

    @Test func terminatingSignalsEndTheProcess() {
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            let backend = BufferBackend(size: Size(width: 80, height: 24))
            let recorder = Recorder()
            recorder.signals = [signal]
            _ = session(backend, recorder).nextKey(timeoutMilliseconds: 0)
            #expect(recorder.events == ["terminate \(signal)"])
        }
    }

    @Test func closedInputCountsAsHangup() {
        let backend = BufferBackend(size: Size(width: 80, height: 24))
        backend.inputClosed = true
        let recorder = Recorder()
        _ = session(backend, recorder).nextKey(timeoutMilliseconds: 0)
        #expect(recorder.events.first == "terminate \(SIGHUP)")
    }

    @Test func keysPassThrough() {
        let backend = BufferBackend(size: Size(width: 80, height: 24))
        backend.enqueue(.character("q"))
        #expect(session(backend, Recorder()).nextKey(timeoutMilliseconds: 0) == .character("q"))
    }

    @Test func keyDecoding() {
        #expect(Key.decode(scalar: 0x15) == .control("u"))
        #expect(Key.decode(scalar: 0x0D) == .enter)
        #expect(Key.decode(scalar: 0x1B) == .escape)
        #expect(Key.decode(scalar: 0x7F) == .backspace)
        #expect(Key.decode(scalar: 0x3042) == .character("あ"))
        #expect(Key.decode(scalar: 0x9B) == nil)
        #expect(Key.control("u").description == "Ctrl-U")
    }
}

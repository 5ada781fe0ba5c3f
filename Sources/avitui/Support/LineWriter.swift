import Foundation

/// Writes whole lines straight to a file descriptor (no buffering to lose, no crash on a
/// closed pipe): a failed write — EPIPE above all — reports false and the caller stops.
struct LineWriter: Sendable {
    let fileDescriptor: Int32

    func emit(_ lines: [String]) -> Bool {
        guard !lines.isEmpty else { return true }
        var bytes = Array(lines.joined(separator: "\n").utf8)
        bytes.append(0x0A)
        return Self.writeAll(bytes, to: fileDescriptor)
    }

    /// Writes every byte, retrying interrupted and partial writes; false when the descriptor
    /// refuses (EPIPE: the reader went away — SIGPIPE is ignored, so this is how it shows).
    static func writeAll(_ bytes: [UInt8], to fileDescriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fileDescriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return false
            }
            offset += written
        }
        return true
    }

    /// The reader went away (a pipe's reader closed, or the terminal hung up), seen without writing.
    var isClosed: Bool {
        var descriptor = pollfd(fd: fileDescriptor, events: 0, revents: 0)
        guard poll(&descriptor, 1, 0) > 0 else { return false }
        return descriptor.revents & Int16(POLLERR | POLLHUP) != 0
    }
}

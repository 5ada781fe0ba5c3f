import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes an exposition for node_exporter's textfile collector atomically: a temporary file in
/// the same directory (so the rename cannot cross file systems), flushed, made readable, then
/// renamed over the target. A scrape therefore sees the old file or the new one, never half.
/// The temporary name does not end in `.prom`, so the collector never reads it.
public enum TextfileWriter {
    /// Why the file could not be written, as one line naming the path and what to do.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// Fails early, before the controller is read, when the file's directory does not exist.
    public static func checkDirectory(of path: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure(description: "--textfile \(path): the directory \(directory) does not exist — create it or choose another path")
        }
    }

    /// Writes `bytes` to `path` (mode 0644). Throws `Failure` with one clear line.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try checkDirectory(of: path)
        let target = URL(fileURLWithPath: path)
        let directory = target.deletingLastPathComponent().path
        var template = Array("\(directory)/.\(target.lastPathComponent).tmp.XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw Failure(description: "--textfile \(path): cannot create a file in \(directory) (\(String(cString: strerror(errno)))) — check its permissions")
        }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var renamed = false
        defer {
            if !renamed { unlink(temporary) }
        }
        do {
            defer { close(descriptor) }
            var written = 0
            while written < bytes.count {
                let result = bytes.withUnsafeBytes { raw in
                    Glibc.write(descriptor, raw.baseAddress!.advanced(by: written), bytes.count - written)
                }
                if result < 0 {
                    if errno == EINTR { continue }
                    throw Failure(description: "--textfile \(path): write failed (\(String(cString: strerror(errno))))")
                }
                written += result
            }
            // mkstemp creates 0600; the collector runs as another user.
            guard fchmod(descriptor, 0o644) == 0, fsync(descriptor) == 0 else {
                throw Failure(description: "--textfile \(path): cannot finish the file (\(String(cString: strerror(errno))))")
            }
        }
        guard rename(temporary, path) == 0 else {
            throw Failure(description: "--textfile \(path): cannot replace the file (\(String(cString: strerror(errno)))) — is it a directory?")
        }
        renamed = true
    }
}

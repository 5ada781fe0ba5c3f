import AviAPI
import Console
import Foundation
import Testing

@Suite("Password files: line endings and the kinds of file accepted")
struct PasswordFileTests {
    func write(_ bytes: String, mode: mode_t = 0o600) throws -> String {
        let path = NSTemporaryDirectory() + "avitui-pw-\(UUID().uuidString)"
        try Data(bytes.utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, mode)
        return path
    }

    @Test(arguments: ["secret\r\n", "secret\n", "secret", "secret\r", "secret\r\nsecond line\r\n"])
    func oneTrailingLineEndingIsDropped(_ content: String) throws {
        let path = try write(content)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try PasswordFile.read(path) == "secret")
    }

    @Test func aPipeIsAccepted() throws {
        // What `--password-file /dev/stdin` or `<(pass show avi)` opens: an anonymous pipe.
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        let text = "piped-secret\r\n"
        _ = text.withCString { Glibc.write(descriptors[1], $0, strlen($0)) }
        close(descriptors[1])
        defer { close(descriptors[0]) }
        #expect(try PasswordFile.read("/proc/self/fd/\(descriptors[0])") == "piped-secret")
    }

    @Test func aNamedFIFOIsAcceptedWhenPrivate() async throws {
        let path = NSTemporaryDirectory() + "avitui-fifo-\(UUID().uuidString)"
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        let writer = Thread {
            let descriptor = open(path, O_WRONLY)
            _ = "fifo-secret\n".withCString { Glibc.write(descriptor, $0, strlen($0)) }
            close(descriptor)
        }
        writer.start()
        #expect(try PasswordFile.read(path) == "fifo-secret")
    }

    @Test func aFIFOOthersCanOpenIsRefused() throws {
        let path = NSTemporaryDirectory() + "avitui-fifo-\(UUID().uuidString)"
        #expect(mkfifo(path, 0o600) == 0)
        chmod(path, 0o644)
        defer { unlink(path) }
        #expect { _ = try PasswordFile.read(path) } throws: { "\($0)".contains("chmod 600") }
    }

    @Test func aDirectoryOrDeviceSaysWhatIsAccepted() throws {
        let directory = NSTemporaryDirectory() + "avitui-dir-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect { _ = try PasswordFile.read(directory) } throws: { error in
            let text = "\(error)"
            return text.contains("is a directory") && text.contains("regular file") && text.contains("/dev/stdin")
        }
        #expect { _ = try PasswordFile.read("/dev/null") } throws: { "\($0)".contains("character device") }
    }

    @Test func aMissingFileSaysWhy() {
        #expect { _ = try PasswordFile.read("/nonexistent/avitui-password") } throws: { error in
            "\(error)".contains("No such file") && "\(error)".contains("check the path")
        }
    }

    @Test func anEmptyFileIsRefused() throws {
        let path = try write("\r\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect { _ = try PasswordFile.read(path) } throws: { "\($0)".contains("is empty") }
    }
}

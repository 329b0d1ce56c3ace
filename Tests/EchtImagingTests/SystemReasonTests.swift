import EchtImaging
import Foundation
import Testing

/// Refusals by the system are told in plain words, not as Foundation's "operation could not be
/// completed".
struct SystemReasonTests {
    @Test func errorNumbersAndFoundationErrorsReadPlainly() {
        #expect(SystemReason.text(errno: EACCES) == "permission denied")
        #expect(SystemReason.text(errno: ENOSPC) == "the disk is full")
        #expect(SystemReason.text(for: CocoaError(.fileReadNoSuchFile)) == "no such file or folder")
        #expect(SystemReason.text(for: CocoaError(.fileWriteOutOfSpace)) == "the disk is full")
        #expect(SystemReason.text(for: NSError(domain: NSPOSIXErrorDomain, code: Int(EROFS))) == "the disk is read-only")
        #expect(SystemReason.text(for: CocoaError(.fileReadUnknown)) == "the system could not read it")
    }

    /// A file the system refuses to create (Linux allows no new file in /proc/self) is reported
    /// with the system's reason, and nothing is left behind.
    @Test func aRefusedWriteSaysWhy() throws {
        let url = URL(fileURLWithPath: "/proc/self/echt-\(UUID().uuidString).bin")
        let error = #expect(throws: ImagingError.self) { try AtomicFile.write(Data([1, 2, 3]), to: url) }
        let text = error.map { "\($0)" } ?? ""
        #expect(!text.contains("could not be completed"), "\(text)")
        #expect(text.contains("could not be written: "), "\(text)")
        let left = try FileManager.default.contentsOfDirectory(atPath: "/proc/self").filter { $0.hasPrefix(".echt-") }
        #expect(left.isEmpty)
    }
}

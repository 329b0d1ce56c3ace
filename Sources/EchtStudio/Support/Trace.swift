import Foundation

/// Stage timings on standard error when `ECHT_TRACE` is set (for finding slow stages).
enum Trace {
    static let enabled = ProcessInfo.processInfo.environment["ECHT_TRACE"] != nil

    static func mark(_ label: @autoclosure () -> String, since start: Date) {
        guard enabled else { return }
        FileHandle.standardError.write(Data(String(format: "[trace] %@ %.3f s\n", label(), Date().timeIntervalSince(start)).utf8))
    }
}

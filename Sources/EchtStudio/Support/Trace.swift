import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Stage timings on standard error when `ECHT_TRACE` is set (for finding slow stages). Each mark
/// also gives the calling thread's CPU time so far and the thread's id: looks render in parallel
/// on a loaded machine, where the difference of two marks' CPU times on one thread is the stage's
/// own work and the wall time is not. The process's CPU time (every thread, libvips' and
/// Dispatch's too) beside it shows how busy the cores were between two marks. On Linux each
/// mark also gives the process's resident memory (the heap's first-touch page faults follow its
/// growth).
enum Trace {
    static let enabled = ProcessInfo.processInfo.environment["ECHT_TRACE"] != nil
    /// The clock the marks' `at` times count from (the first use), to line up marks of several threads.
    static let origin = Date()

    static func mark(_ label: @autoclosure () -> String, since start: Date) {
        guard enabled else { return }
        let wall = Date().timeIntervalSince(start)
        #if canImport(Glibc)
        var cpu = timespec(), process = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu)
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &process)
        let line = String(format: "[trace] %@ %.3f s at %.3f (thread %lu CPU %.4f s, process CPU %.3f s)%@\n", label(), wall, Date().timeIntervalSince(origin),
                          UInt(pthread_self()), Double(cpu.tv_sec) + Double(cpu.tv_nsec) / 1e9, Double(process.tv_sec) + Double(process.tv_nsec) / 1e9,
                          residentMegabytes().map { String(format: " RSS %.0f MB", $0) } ?? "")
        #else
        let line = String(format: "[trace] %@ %.3f s\n", label(), wall)
        #endif
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Resident memory of this process in MB (`/proc/self/statm`), nil where there is none.
    static func residentMegabytes() -> Double? {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Double(fields[1]) else { return nil }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1e6
    }
}

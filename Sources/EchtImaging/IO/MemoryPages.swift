#if canImport(Glibc)
import Glibc
#endif

/// Backing fresh memory with pages before it is written.
///
/// The first write to each 4 KB page of a new buffer stops the writing thread while the kernel
/// finds, clears and maps a page: for a 14-MP photo's 170 MB of samples that is 40 000 stops and
/// about as much time as the conversion that writes them. `populate` asks the kernel to map a
/// buffer's pages at once (Linux `MADV_POPULATE_WRITE`), so another thread can do it while the
/// writer still waits for its input; the contents are left as they are. Steps whose pages are
/// all mapped already (memory reused within the process; `mincore` tells) are skipped: the
/// kernel would still visit each of their pages. Elsewhere, or on kernels before 5.14, it does
/// nothing and the writer maps the pages itself.
enum MemoryPages {
    /// Maps the whole pages within `count` bytes from `start`, in steps, front to back.
    static func populate(_ start: UnsafeMutableRawPointer, count: Int) {
        #if os(Linux)
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard page > 0 else { return }
        let first = (Int(bitPattern: start) + page - 1) / page * page, end = (Int(bitPattern: start) + count) / page * page
        let populateWrite: Int32 = 23  // MADV_POPULATE_WRITE, Linux 5.14
        var resident = [UInt8](repeating: 0, count: step / page)
        var from = first
        while from < end {
            let length = min(step, end - from), pages = length / page
            let mapped = resident.withUnsafeMutableBufferPointer { vector in
                mincore(UnsafeMutableRawPointer(bitPattern: from), length, vector.baseAddress) == 0
                    && !vector[0..<pages].contains { $0 & 1 == 0 }
            }
            if !mapped {
                guard madvise(UnsafeMutableRawPointer(bitPattern: from), length, populateWrite) == 0 else { return }
            }
            from += length
        }
        #endif
    }

    /// Bytes mapped per call: the writer, which may overtake, maps the pages it reaches first itself.
    static let step = 4 << 20
}

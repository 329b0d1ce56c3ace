import EchtImaging
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Entry points for the benchmark executable: a full studio run on one file, timed beside the
/// floor (libvips decode + encode of the same file) in the same process.
public enum StudioBenchmark {
    /// Timings of one benchmark run, in seconds: wall-clock time and the CPU time (user +
    /// system, all threads) of this process over the same span. On a machine shared with other
    /// jobs the CPU time moves much less than the wall-clock time.
    public struct Timing: Sendable, Codable {
        /// libvips decode + JPEG encode of the input (the floor).
        public var decodeEncode: Double
        /// CPU time of the floor.
        public var decodeEncodeCPU: Double
        /// Decode + analysis + every look rendered, encoded, signed (unless unsigned) and written,
        /// plus the contact sheet.
        public var studio: Double
        /// CPU time of the studio run.
        public var studioCPU: Double
        /// `studio / decodeEncode`.
        public var ratio: Double { studio / decodeEncode }
        /// Number of looks rendered.
        public var looks: Int
    }

    /// Runs the floor and a full studio run of `looks` (default: the three default looks) on
    /// `file`, writing into a fresh temporary folder that is removed afterwards. `signer` signs
    /// every output as `echt studio` does by default; nil measures an unsigned run.
    public static func run(file: URL, looks: [Look] = Look.defaultNames.map { Look.builtIn[$0]! },
                           signer: (any OutputSigner)?, session: StudioSession) throws -> Timing {
        let floorStart = Date(), floorCPU = cpuSeconds()
        let decoded = try ImageFile.decode(contentsOf: file).image
        _ = try ImageFile.encode(decoded, options: EncodeOptions(format: .jpeg, quality: 92, jpegEncoder: .libvips))
        let floor = Date().timeIntervalSince(floorStart), floorCPUEnd = cpuSeconds()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("echt-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let start = Date(), startCPU = cpuSeconds()
        _ = try session.run(file: file, options: StudioSession.Options(looks: looks, outDirectory: folder, force: true, signer: signer))
        return Timing(decodeEncode: floor, decodeEncodeCPU: floorCPUEnd - floorCPU,
                      studio: Date().timeIntervalSince(start), studioCPU: cpuSeconds() - startCPU, looks: looks.count)
    }

    /// User + system CPU time of this process so far (every thread).
    public static func cpuSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

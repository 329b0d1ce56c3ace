import EchtImaging
import Foundation

/// Entry points for the benchmark executable: a full studio run on one file, timed beside the
/// floor (libvips decode + encode of the same file) in the same process.
public enum StudioBenchmark {
    /// Timings of one benchmark run, in seconds.
    public struct Timing: Sendable, Codable {
        /// libvips decode + JPEG encode of the input (the floor).
        public var decodeEncode: Double
        /// Decode + analysis + every look rendered, encoded, signed (unless unsigned) and written,
        /// plus the contact sheet.
        public var studio: Double
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
        let floorStart = Date()
        let decoded = try ImageFile.decode(contentsOf: file).image
        _ = try ImageFile.encode(decoded, options: EncodeOptions(format: .jpeg, quality: 92))
        let floor = Date().timeIntervalSince(floorStart)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("echt-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let start = Date()
        _ = try session.run(file: file, options: StudioSession.Options(looks: looks, outDirectory: folder, force: true, signer: signer))
        return Timing(decodeEncode: floor, studio: Date().timeIntervalSince(start), looks: looks.count)
    }
}

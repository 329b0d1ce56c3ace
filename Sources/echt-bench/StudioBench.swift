import EchtStudio
import Foundation

/// `echt-bench --studio FILE [--runs N]`: a full three-look studio run on FILE beside the floor
/// (libvips decode + encode of the same file) in the same process; prints medians, the ratio
/// and this process's peak memory, then exits.
func runStudioBenchmark(file: String, runs: Int) throws -> Never {
    let session = try StudioSession()
    var floors: [Double] = [], studios: [Double] = []
    for index in 0..<runs {
        let timing = try StudioBenchmark.run(file: URL(fileURLWithPath: file), session: session)
        floors.append(timing.decodeEncode)
        studios.append(timing.studio)
        print(String(format: "run %d: decode+encode %.3f s, studio (3 looks) %.3f s", index + 1, timing.decodeEncode, timing.studio))
    }
    let floor = median(floors), studio = median(studios)
    print("")
    print("| file | libvips decode + encode (s) | studio, 3 looks (s) | ratio | peak RSS (MB) |")
    print("|---|---:|---:|---:|---:|")
    print(String(format: "| %@ | %.3f | %.3f | %.1f× | %.0f |", (file as NSString).lastPathComponent, floor, studio,
                 studio / floor, Double(peakResidentBytes()) / 1e6))
    exit(0)
}

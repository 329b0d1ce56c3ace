import EchtImaging
import Foundation

/// `echt-bench --png FILE [--runs N]`: encodes the decoded FILE (a studio cut-out) as PNG with
/// libvips' pngsave (zlib level 2, average filter; the encoder before Echt's own) and with Echt's
/// writer, alternating, `runs` times each; then every row filter at igzip levels 0...3.
/// Prints median encode times (float pixels → file bytes) and file sizes, then exits.
func runPNGBenchmark(file: String, runs: Int) throws -> Never {
    let image = try ImageFile.decode(contentsOf: URL(fileURLWithPath: file)).image
    let old = EncodeOptions(format: .png, pngEncoder: .libvips), new = EncodeOptions(format: .png)
    var oldTimes: [Double] = [], newTimes: [Double] = [], oldSize = 0, newSize = 0
    for index in 0..<runs {
        oldTimes.append(try milliseconds { oldSize = try ImageFile.encode(image, options: old).count })
        newTimes.append(try milliseconds { newSize = try ImageFile.encode(image, options: new).count })
        print(String(format: "run %d: libvips %.0f ms, echt %.0f ms", index + 1, oldTimes.last!, newTimes.last!))
    }
    print("")
    print("| file | size | libvips pngsave (ms) | echt writer (ms) | ratio | libvips bytes | echt bytes | size ratio |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    print(String(format: "| %@ | %d×%d×%d | %.0f | %.0f | %.2f× | %d | %d | %.3f |", (file as NSString).lastPathComponent,
                 image.width, image.height, image.channels, median(oldTimes), median(newTimes),
                 median(oldTimes) / median(newTimes), oldSize, newSize, Double(newSize) / Double(oldSize)))
    print("")
    print("| filter | level | echt writer (ms) | bytes | vs libvips |")
    print("|---|---:|---:|---:|---:|")
    for filter in PNGRowFilter.allCases {
        for level in 0...3 {
            let options = EncodeOptions(format: .png, pngEncoder: .echt(filter: filter, level: level))
            var times: [Double] = [], size = 0
            for _ in 0..<max(1, runs / 2) {
                times.append(try milliseconds { size = try ImageFile.encode(image, options: options).count })
            }
            print(String(format: "| %@ | %d | %.0f | %d | %.3f |", "\(filter)", level, median(times), size, Double(size) / Double(oldSize)))
        }
    }
    exit(0)
}

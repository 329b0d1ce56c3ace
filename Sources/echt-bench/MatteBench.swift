import EchtImaging
import EchtVision
import Foundation

/// `echt-bench --matte FILE [--runs N]`: times the selfie model once, then the matte refinement
/// (coarse mask → full-resolution alpha + foreground) `runs` times (`--one-thread`: on one thread;
/// `--no-colour-band`: without `EdgeBand`); prints the median and exits.
func runMatteBenchmark(file: String, runs: Int) throws -> Never {
    let photo = try ImageFile.decode(contentsOf: URL(fileURLWithPath: file)).image
    let analyzer = try PortraitAnalyzer()
    var coarse = Image(width: 1, height: 1, channels: 1, pixels: [0])
    let model = try milliseconds { coarse = try analyzer.segmenter.coarseMask(for: photo) }
    var options = analyzer.options.matte
    options.threads = arguments.contains("--one-thread") ? 1 : options.threads
    options.colourBand = !arguments.contains("--no-colour-band")
    let refiner = MatteRefiner(options: options)
    var times: [Double] = []
    for index in 0..<runs {
        let time = milliseconds { _ = refiner.refine(coarseMask: coarse, photo: photo) }
        times.append(time)
        print(String(format: "run %d: refine %.0f ms", index + 1, time))
    }
    print("")
    print("| file | size | selfie model (ms) | refine, median of \(runs) (ms) |")
    print("|---|---|---:|---:|")
    print(String(format: "| %@ | %d×%d | %.0f | %.0f |", (file as NSString).lastPathComponent, photo.width, photo.height, model, median(times)))
    exit(0)
}

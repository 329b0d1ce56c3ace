import EchtImaging
import EchtStudio
import EchtVision
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `echt-bench --frame FILE [--runs N]`: the look-independent stages of a studio run on FILE, one
/// after the other in this process: decode, analyse, the subject mattes (default looks' framing
/// styles) and `StudioPipeline.frame` once per style. Prints per-run CPU seconds (user + system,
/// every thread) and a table of medians, then exits. CPU time is what these stages cost a
/// loaded machine; their wall time there says little.
func runFrameBenchmark(file: String, runs: Int) throws -> Never {
    let url = URL(fileURLWithPath: file)
    let analyzer = try PortraitAnalyzer()
    var styles: [FramingStyle] = []
    for name in Look.defaultNames where !styles.contains(Look.builtIn[name]!.framing) { styles.append(Look.builtIn[name]!.framing) }
    let labels = ["decode", "analyse", "mattes"] + styles.map { "frame \($0.fit.rawValue)" }
    var columns = [[Double]](repeating: [], count: labels.count)
    for index in 0..<runs {
        var row: [Double] = []
        var image: Image?
        row.append(try cpu { image = try ImageFile.decode(contentsOf: url).image })
        guard let photo = image else { exit(1) }
        var faces: [Face] = []
        row.append(try cpu { faces = try analyzer.faces(in: photo) })
        guard let face = faces.max(by: { $0.detection.box.width * $0.detection.box.height < $1.detection.box.width * $1.detection.box.height })
        else { print("no face in \(file)"); exit(1) }
        var analysis = StudioAnalysis(faces: faces, mattes: Array(repeating: nil, count: faces.count))
        row.append(try cpu {
            analysis = try analysis.addingMattes(for: [face], styles: styles, image: photo, analyzer: analyzer, sourceName: file)
        })
        for style in styles {
            row.append(try cpu { _ = try StudioPipeline.frame(image: photo, analysis: analysis, face: face, style: style) })
        }
        for (k, value) in row.enumerated() { columns[k].append(value) }
        print("run \(index + 1): " + zip(labels, row).map { String(format: "%@ %.3f s", $0, $1) }.joined(separator: ", "))
    }
    print("")
    print("| file | " + labels.map { "\($0) CPU (s)" }.joined(separator: " | ") + " |")
    print("|---|" + String(repeating: "---:|", count: labels.count))
    print("| \((file as NSString).lastPathComponent) | " + columns.map { String(format: "%.3f", median($0)) }.joined(separator: " | ") + " |")
    exit(0)
}

/// CPU seconds (user + system, every thread of this process) that `body` takes.
private func cpu(_ body: () throws -> Void) rethrows -> Double {
    let start = StudioBenchmark.cpuSeconds()
    try body()
    return StudioBenchmark.cpuSeconds() - start
}

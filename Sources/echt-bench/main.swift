// Benchmarks for Echt; see BENCHMARKS.md.
//
// Usage: swift run -c release echt-bench [--runs N] [--no-litert]
//        swift run -c release echt-bench --studio photo.jpg [--runs N] [--no-sign]   (full studio run vs libvips floor)
//        swift run -c release echt-bench --matte photo.jpg [--runs N]    (matte refinement only)
//        swift run -c release echt-bench --frame photo.jpg [--runs N]    (CPU of decode, analyse, mattes, frame per style)
//        swift run -c release echt-bench --vision photo.jpg [--runs N]   (vision stages vs libvips decode)
//        swift run -c release echt-bench --png cutout.png [--runs N]     (PNG encode: libvips vs Echt's writer)
// Prints, per model, the median latency of Echt's interpreter (one thread, and two threads) and
// of LiteRT (XNNPACK, num_threads=1, timed by scripts/golden/time_litert.py in the same run), their ratio and the
// memory each loaded model holds (prepared weights + one scratch arena, and the peak resident
// memory of a fresh process that loads and runs only that model, minus an empty process).
import EchtInference
import EchtStudio
import Foundation

// The allocator settings `echt` uses, applied before any thread starts, so every bench (the
// matte's too) measures what a user's run does.
_ = LargeBlockReuse.applied
let arguments = CommandLine.arguments
let runs = arguments.firstIndex(of: "--runs").flatMap { Int(arguments[$0 + 1]) } ?? 50
if let index = arguments.firstIndex(of: "--studio"), index + 1 < arguments.count {
    try runStudioBenchmark(file: arguments[index + 1], runs: arguments.contains("--runs") ? runs : 3,
                           signed: !arguments.contains("--no-sign"))
}
if let index = arguments.firstIndex(of: "--matte"), index + 1 < arguments.count {
    try runMatteBenchmark(file: arguments[index + 1], runs: arguments.contains("--runs") ? runs : 3)
}
if let index = arguments.firstIndex(of: "--frame"), index + 1 < arguments.count {
    try runFrameBenchmark(file: arguments[index + 1], runs: arguments.contains("--runs") ? runs : 3)
}
if let index = arguments.firstIndex(of: "--png"), index + 1 < arguments.count {
    try runPNGBenchmark(file: arguments[index + 1], runs: arguments.contains("--runs") ? runs : 7)
}
if let index = arguments.firstIndex(of: "--vision"), index + 1 < arguments.count {
    try runVisionBenchmark(file: arguments[index + 1], runs: arguments.contains("--runs") ? runs : 5)
}
let modelNames = ["face_detection_short_range", "face_detection_full_range_sparse", "face_landmark",
                  "iris_landmark", "selfie_segmentation"]
let modelsDirectory: URL = {
    if let env = ProcessInfo.processInfo.environment["ECHT_MODELS"], !env.isEmpty { return URL(fileURLWithPath: env) }
    return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/echt/models")
}()

func milliseconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
}

/// LiteRT medians from the Python helper, or an empty table when it cannot run.
func liteRTMedians() -> [String: Double] {
    guard !arguments.contains("--no-litert") else { return [:] }
    var root = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { root.deleteLastPathComponent() }
    let script = root.appendingPathComponent("scripts/golden/time_litert.py")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script.path, "--runs", "\(runs)"]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do {
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (try JSONSerialization.jsonObject(with: data) as? [String: Double]) ?? [:]
    } catch {
        return [:]
    }
}

/// Peak resident memory of this process in bytes: VmHWM on Linux (getrusage's maxrss survives
/// exec and would include the parent's), getrusage elsewhere.
func peakResidentBytes() -> Int {
    #if os(Linux)
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
    return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
    #else
    var usage = rusage()
    getrusage(RUSAGE_SELF, &usage)
    return usage.ru_maxrss
    #endif
}

// Child mode: load one model (or none, for the baseline), run it once, print the peak RSS.
if let index = arguments.firstIndex(of: "--memory-of"), index + 1 < arguments.count {
    let name = arguments[index + 1]
    if name != "none" {
        let model = try Model(contentsOf: modelsDirectory.appendingPathComponent("\(name).tflite"))
        let shape = model.inputShapes[0]
        _ = try model.run([Tensor(shape: shape, values: [Float](repeating: 0.5, count: shape.reduce(1, *)))])
    }
    print(peakResidentBytes())
    exit(0)
}

/// Peak RSS of a fresh `echt-bench --memory-of name` process.
func childPeakBytes(_ name: String) -> Int {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    process.arguments = ["--memory-of", name]
    let pipe = Pipe()
    process.standardOutput = pipe
    guard (try? process.run()) != nil else { return 0 }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
}

let baselinePeak = childPeakBytes("none")
var rows: [String] = []
var benchResults: [String: (echt: Double, threaded: Double, memory: Int, resident: Int)] = [:]
for name in modelNames {
    let url = modelsDirectory.appendingPathComponent("\(name).tflite")
    var loaded: Model?
    var loadError: InferenceError?
    let loadMilliseconds = milliseconds {
        do throws(InferenceError) { loaded = try Model(contentsOf: url) } catch { loadError = error }
    }
    guard let model = loaded else {
        print("\(name): \(loadError.map { "\($0)" } ?? "not loaded")")
        continue
    }
    let shape = model.inputShapes[0]
    var state: UInt32 = 1
    let input = Tensor(shape: shape, values: (0..<shape.reduce(1, *)).map { _ in
        state = state &* 1664525 &+ 1013904223
        return Float(Double(state >> 8) / 8388608.0 - 1.0)
    })
    for _ in 0..<5 { _ = try model.run([input]) }
    let times = try (0..<runs).map { _ in try milliseconds { _ = try model.run([input]) } }
    let threadedTimes = try (0..<runs).map { _ in try milliseconds { _ = try model.run([input], threads: 2) } }
    rows.append(name)
    if arguments.contains("--profile") {
        // Per node, the fastest of 30 runs (robust against other load); then summed per op description.
        var fastest: [Double] = []
        var names: [String] = []
        for _ in 0..<30 {
            let entries = try model.profile([input])
            names = entries.map(\.op)
            fastest = fastest.isEmpty ? entries.map(\.milliseconds) : zip(fastest, entries).map { min($0, $1.milliseconds) }
        }
        var totals: [String: Double] = [:]
        for (name, ms) in zip(names, fastest) { totals[name, default: 0] += ms }
        print(String(format: "%@: sum of fastest node times %.3f ms", name, fastest.reduce(0, +)))
        for (op, ms) in totals.sorted(by: { $0.value > $1.value }).prefix(12) { print(String(format: "   %.3f ms  %@", ms, op)) }
    }
    print(String(format: "%@ echt %.3f ms  (load %.1f ms; weights %.1f MB + arena %.1f MB)", name, median(times),
                 loadMilliseconds, Double(model.preparedBytes) / 1e6, Double(model.arenaBytes) / 1e6))
    benchResults[name] = (median(times), median(threadedTimes), model.preparedBytes + model.arenaBytes, childPeakBytes(name) - baselinePeak)
}
let litert = liteRTMedians()
print("")
print("| model | Echt (ms) | LiteRT 1 thread (ms) | ratio | Echt 2 threads (ms) | weights + arena (MB) | peak RSS over baseline (MB) |")
print("|---|---:|---:|---:|---:|---:|---:|")
for name in rows {
    guard let result = benchResults[name] else { continue }
    let reference = litert[name]
    let ratio = reference.map { String(format: "%.2f×", result.echt / $0) } ?? "–"
    let liteText = reference.map { String(format: "%.2f", $0) } ?? "–"
    print(String(format: "| %@ | %.2f | %@ | %@ | %.2f | %.2f | %.1f |", name, result.echt, liteText, ratio, result.threaded,
                 Double(result.memory) / 1e6, Double(result.resident) / 1e6))
}

import EchtCredentials
import EchtStudio
import EchtStudioCredentials
import Foundation

/// `echt-bench --studio FILE [--runs N] [--no-sign]`: a full three-look studio run on FILE
/// beside the floor (libvips decode + encode of the same file) in the same process; prints
/// medians of wall-clock and CPU time over the warm runs (2...N), their ratios, this process's
/// peak memory, and run 1 on its own: the first run in a fresh process touches every page of
/// its heap for the first time, as a user's `echt studio` run does (the models are loaded and
/// the key made before it, outside the timing). Then exits. Like `echt studio`, every output is
/// signed by default, here with a throwaway key made in a temporary folder.
func runStudioBenchmark(file: String, runs: Int, signed: Bool) throws -> Never {
    let session = try StudioSession()
    let keys = FileManager.default.temporaryDirectory.appendingPathComponent("echt-bench-keys-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: keys) }
    let signer: (any OutputSigner)? = signed
        ? CredentialsSigner(identity: try KeyStore(directory: keys).create(studioName: "Echt Benchmark"),
                            metadata: IPTCMetadata(software: "echt-bench"))
        : nil
    var timings: [StudioBenchmark.Timing] = []
    let kind = signed ? "signed" : "unsigned"
    for index in 0..<max(runs, 1) {
        let timing = try StudioBenchmark.run(file: URL(fileURLWithPath: file), signer: signer, session: session)
        timings.append(timing)
        print(String(format: "run %d: decode+encode %.3f s (CPU %.3f s), studio (3 looks, %@) %.3f s (CPU %.3f s)", index + 1,
                     timing.decodeEncode, timing.decodeEncodeCPU, kind, timing.studio, timing.studioCPU))
    }
    let warm = timings.count > 1 ? Array(timings.dropFirst()) : timings, first = timings[0]
    let floor = median(warm.map(\.decodeEncode)), studio = median(warm.map(\.studio))
    let floorCPU = median(warm.map(\.decodeEncodeCPU)), studioCPU = median(warm.map(\.studioCPU))
    print("")
    print("| file | libvips decode + encode (s) | studio, 3 looks, \(kind) (s) | ratio | floor CPU (s) | studio CPU (s) | CPU ratio | peak RSS (MB) "
          + "| run 1 studio (s) | run 1 studio CPU (s) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(String(format: "| %@ | %.3f | %.3f | %.1f× | %.3f | %.2f | %.1f× | %.0f | %.3f | %.2f |", (file as NSString).lastPathComponent, floor, studio,
                 studio / floor, floorCPU, studioCPU, studioCPU / floorCPU, Double(peakResidentBytes()) / 1e6, first.studio, first.studioCPU))
    if timings.count > 1 { print("(medians over runs 2–\(timings.count); run 1 is the first in this process: cold heap)") }
    try? FileManager.default.removeItem(at: keys)
    exit(0)
}

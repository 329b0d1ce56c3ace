import EchtCredentials
import EchtStudio
import EchtStudioCredentials
import Foundation

/// `echt-bench --studio FILE [--runs N] [--no-sign]`: a full three-look studio run on FILE
/// beside the floor (libvips decode + encode of the same file) in the same process; prints
/// medians of wall-clock and CPU time, their ratios and this process's peak memory, then
/// exits. Like `echt studio`, every output is signed by default, here with a throwaway key
/// made in a temporary folder.
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
    for index in 0..<runs {
        let timing = try StudioBenchmark.run(file: URL(fileURLWithPath: file), signer: signer, session: session)
        timings.append(timing)
        print(String(format: "run %d: decode+encode %.3f s (CPU %.3f s), studio (3 looks, %@) %.3f s (CPU %.3f s)", index + 1,
                     timing.decodeEncode, timing.decodeEncodeCPU, kind, timing.studio, timing.studioCPU))
    }
    let floor = median(timings.map(\.decodeEncode)), studio = median(timings.map(\.studio))
    let floorCPU = median(timings.map(\.decodeEncodeCPU)), studioCPU = median(timings.map(\.studioCPU))
    print("")
    print("| file | libvips decode + encode (s) | studio, 3 looks, \(kind) (s) | ratio | floor CPU (s) | studio CPU (s) | CPU ratio | peak RSS (MB) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    print(String(format: "| %@ | %.3f | %.3f | %.1f× | %.3f | %.2f | %.1f× | %.0f |", (file as NSString).lastPathComponent, floor, studio,
                 studio / floor, floorCPU, studioCPU, studioCPU / floorCPU, Double(peakResidentBytes()) / 1e6))
    try? FileManager.default.removeItem(at: keys)
    exit(0)
}

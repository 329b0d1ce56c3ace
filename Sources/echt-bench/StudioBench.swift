import EchtCredentials
import EchtStudio
import EchtStudioCredentials
import Foundation

/// `echt-bench --studio FILE [--runs N] [--no-sign]`: a full three-look studio run on FILE
/// beside the floor (libvips decode + encode of the same file) in the same process; prints
/// medians, the ratio and this process's peak memory, then exits. Like `echt studio`, every
/// output is signed by default, here with a throwaway key made in a temporary folder.
func runStudioBenchmark(file: String, runs: Int, signed: Bool) throws -> Never {
    let session = try StudioSession()
    let keys = FileManager.default.temporaryDirectory.appendingPathComponent("echt-bench-keys-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: keys) }
    let signer: (any OutputSigner)? = signed
        ? CredentialsSigner(identity: try KeyStore(directory: keys).create(studioName: "Echt Benchmark"),
                            metadata: IPTCMetadata(software: "echt-bench"))
        : nil
    var floors: [Double] = [], studios: [Double] = []
    for index in 0..<runs {
        let timing = try StudioBenchmark.run(file: URL(fileURLWithPath: file), signer: signer, session: session)
        floors.append(timing.decodeEncode)
        studios.append(timing.studio)
        print(String(format: "run %d: decode+encode %.3f s, studio (3 looks, %@) %.3f s", index + 1, timing.decodeEncode,
                     signed ? "signed" : "unsigned", timing.studio))
    }
    let floor = median(floors), studio = median(studios)
    print("")
    print("| file | libvips decode + encode (s) | studio, 3 looks, \(signed ? "signed" : "unsigned") (s) | ratio | peak RSS (MB) |")
    print("|---|---:|---:|---:|---:|")
    print(String(format: "| %@ | %.3f | %.3f | %.1f× | %.0f |", (file as NSString).lastPathComponent, floor, studio,
                 studio / floor, Double(peakResidentBytes()) / 1e6))
    try? FileManager.default.removeItem(at: keys)
    exit(0)
}

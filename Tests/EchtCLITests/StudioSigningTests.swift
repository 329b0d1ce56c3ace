import EchtTestSupport
import Foundation
import Testing

/// `echt studio` signs what it writes by default, and `echt verify` reads it back.
@Suite struct StudioSigningTests {
    static let ready = FileManager.default.fileExists(atPath: Fixtures.samplePortrait.path)
        && FileManager.default.fileExists(atPath: Fixtures.modelsDirectory.appendingPathComponent("face_landmark.tflite").path)

    @Test(.enabled(if: ready, "needs the sample portrait and models from `make setup`"))
    func studioOutputsAreSignedAndVerify() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("echt-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let env = ["ECHT_CONFIG_DIR": work.appendingPathComponent("config").path]
        let out = work.appendingPathComponent("out").path

        let studio = try EchtBinary.run(["studio", Fixtures.samplePortrait.path, "--look", "professional", "--out", out], environment: env)
        #expect(studio.status == 0, "\(studio.stderr)")
        #expect(studio.stderr.contains("Created a Content Credentials signing key"))

        let headshot = "\(out)/astronaut/professional.jpg"
        let verify = try EchtBinary.run(["verify", headshot], environment: env)
        #expect(verify.status == 2, "a self-signed studio key is valid but untrusted: \(verify.stdout)")
        for expected in ["c2pa.opened", "c2pa.cropped", "c2pa.adjustedColor", "c2pa.filtered", "composite", "astronaut.png"] {
            #expect(verify.stdout.contains(expected), "verify output lacks \(expected)")
        }
        let cutout = try EchtBinary.run(["verify", "\(out)/astronaut/professional-cutout.png"], environment: env)
        #expect(cutout.status == 2, "\(cutout.stdout)")

        let root = work.appendingPathComponent("config/keys/studio-root.cert.pem").path
        let trusted = try EchtBinary.run(["verify", "--trust", root, headshot], environment: env)
        #expect(trusted.status == 0, "with the studio root as trust anchor the file is trusted: \(trusted.stdout)")

        let unsigned = try EchtBinary.run(["studio", Fixtures.samplePortrait.path, "--look", "white", "--out", out + "-unsigned", "--no-sign"], environment: env)
        #expect(unsigned.status == 0, "\(unsigned.stderr)")
        let absent = try EchtBinary.run(["verify", "\(out)-unsigned/astronaut/white.jpg"], environment: env)
        #expect(absent.status == 4, "\(absent.stdout)")
    }
}

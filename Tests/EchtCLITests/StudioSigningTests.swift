import EchtTestSupport
import Foundation
import Testing

/// `echt studio` signs what it writes by default, and `echt verify` reads it back.
@Suite struct StudioSigningTests {
    /// A folder of its own for each test (Swift Testing makes the suite anew for every test),
    /// removed when the test is done.
    let scratch = ScratchFolder("cli-signing")

    static let ready = FileManager.default.fileExists(atPath: Fixtures.samplePortrait.path)
        && FileManager.default.fileExists(atPath: Fixtures.modelsDirectory.appendingPathComponent("face_landmark.tflite").path)

    @Test(.enabled(if: ready, "needs the sample portrait and models from `make setup`"))
    func studioOutputsAreSignedAndVerify() throws {
        let work = scratch.url
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
        // Signing keeps the resolution the files state (JFIF for JPEG, pHYs for PNG): the print
        // size the notes quote.
        let info = try EchtBinary.run(["info", headshot, "\(out)/astronaut/professional-cutout.png"], environment: env)
        #expect(info.stdout.components(separatedBy: "resolution   300 dpi").count == 3, "\(info.stdout)")

        let root = work.appendingPathComponent("config/keys/studio-root.cert.pem").path
        let trusted = try EchtBinary.run(["verify", "--trust", root, headshot], environment: env)
        #expect(trusted.status == 0, "with the studio root as trust anchor the file is trusted: \(trusted.stdout)")

        for sheetFile in ["sheet.png", "input-preview.jpg"] {
            let sheet = try EchtBinary.run(["verify", "\(out)/astronaut/\(sheetFile)"], environment: env)
            #expect(sheet.status == 2, "the contact sheet's \(sheetFile) is signed too: \(sheet.stdout)")
        }

        let unsigned = try EchtBinary.run(["studio", Fixtures.samplePortrait.path, "--look", "white", "--out", out + "-unsigned", "--no-sign"], environment: env)
        #expect(unsigned.status == 0, "\(unsigned.stderr)")
        let absent = try EchtBinary.run(["verify", "\(out)-unsigned/astronaut/white.jpg"], environment: env)
        #expect(absent.status == 4, "\(absent.stdout)")
    }

    /// A signed headshot whose image data was changed afterwards, fed back to the studio: the
    /// run notes that its credentials are broken, and `echt verify` on the new headshot shows the
    /// parent's failure (before, both were silent and verify listed the ingredient as validated).
    @Test(.enabled(if: ready, "needs the sample portrait and models from `make setup`"))
    func aTamperedSignedPhotoIsNotedAndItsHeadshotsSayItWas() throws {
        let work = scratch.url
        let env = ["ECHT_CONFIG_DIR": work.appendingPathComponent("config").path]
        let out = work.appendingPathComponent("out").path
        let first = try EchtBinary.run(["studio", Fixtures.samplePortrait.path, "--look", "white", "--sizes", "none", "--out", out], environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: "\(out)/astronaut/white.jpg"))
        bytes[bytes.count - 3000] ^= 0x01
        let tampered = work.appendingPathComponent("tampered.jpg")
        try bytes.write(to: tampered)
        let again = try EchtBinary.run(["studio", tampered.path, "--look", "white", "--sizes", "none", "--out", out], environment: env)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("Content Credentials are broken"), "\(again.stdout)")
        let verify = try EchtBinary.run(["verify", "\(out)/tampered/white.jpg"], environment: env)
        #expect(verify.status == 2, "the new headshot's own credentials hold: \(verify.stdout)")
        #expect(verify.stdout.contains("already invalid when it was used: assertion.dataHash.mismatch"), "\(verify.stdout)")
    }

    /// The relaxed look keeps the photo's own background, defocused: its manifest says so, and the
    /// studio's parameters arrive namespaced once (`com.echt.backdrop`).
    @Test(.enabled(if: ready, "needs the sample portrait and models from `make setup`"))
    func theDefocusedBackgroundIsDescribedAsSuch() throws {
        let work = scratch.url
        let env = ["ECHT_CONFIG_DIR": work.appendingPathComponent("config").path]
        let out = work.appendingPathComponent("out").path
        let studio = try EchtBinary.run(["studio", Fixtures.samplePortrait.path, "--look", "relaxed", "--out", out], environment: env)
        #expect(studio.status == 0, "\(studio.stderr)")
        let verify = try EchtBinary.run(["verify", "--json", "\(out)/astronaut/relaxed.jpg"], environment: env)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(verify.stdout.utf8)) as? [String: Any])
        let report = try #require(json.values.first as? [String: Any])
        let manifest = try #require((report["manifests"] as? [[String: Any]])?.first)
        let actions = try #require(manifest["actions"] as? [[String: Any]])
        let backdrop = try #require(actions.first { $0["action"] as? String == "c2pa.edited" })
        let description = try #require(backdrop["description"] as? String)
        #expect(description.contains("defocused") && !description.contains("procedurally generated"), "\(description)")
        #expect((backdrop["parameters"] as? [String: String])?["com.echt.backdrop"] == "defocus", "\(backdrop)")
        let cropped = try #require(actions.first { $0["action"] as? String == "c2pa.cropped" })
        let keys = (cropped["parameters"] as? [String: String])?.keys.sorted() ?? []
        #expect(keys.contains("com.echt.width") && !keys.contains { $0.hasPrefix("com.echt.com.echt") }, "\(keys)")
    }

    /// A run whose photo cannot be read fails with one plain line (no libvips warnings) and
    /// creates no signing key.
    @Test(.enabled(if: ready, "needs the models from `make setup`"))
    func anUnreadablePhotoCreatesNoKey() throws {
        let work = scratch.url
        let broken = work.appendingPathComponent("broken.png")
        try Data(contentsOf: Fixtures.samplePortrait).prefix(300).write(to: broken)
        let config = work.appendingPathComponent("config")
        let studio = try EchtBinary.run(["studio", broken.path, "--out", work.appendingPathComponent("out").path],
                                        environment: ["ECHT_CONFIG_DIR": config.path])
        #expect(studio.status == 1, "\(studio.stderr)")
        let lines = studio.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("echt: ") && lines[0].contains("broken.png"), "\(studio.stderr)")
        #expect(!FileManager.default.fileExists(atPath: config.appendingPathComponent("keys").path))
    }
}

import EchtTestSupport
import Foundation
import Testing

/// What `echt analyse` prints and writes.
@Suite struct AnalyseCommandTests {
    /// Folders stand for their photos; two photos with one name get overlays of their own; every
    /// photo gives one JSON line with its face; a blank picture is "no face", not an error.
    @Test(.enabled(if: StudioSigningTests.ready, "needs the sample portrait and models from `make setup`"))
    func foldersOfPhotosGiveOneLineAndOneOverlayEach() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("echt-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for card in ["card1", "card2"] {
            let folder = root.appendingPathComponent(card)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Fixtures.samplePortrait, to: folder.appendingPathComponent("IMG_0001.jpg"))
        }
        let overlay = root.appendingPathComponent("overlay.png")
        let run = try EchtBinary.run(["analyse", root.appendingPathComponent("card1").path, root.appendingPathComponent("card2").path,
                                      "--json", "--overlay", overlay.path])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 2, "\(run.stdout)")
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let analysis = try #require(object["analysis"] as? [String: Any])
            #expect((analysis["faces"] as? [Any])?.count == 1, "\(line)")
        }
        for name in ["overlay-IMG_0001.png", "overlay-IMG_0001-2.png"] {
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path), "\(name) missing")
        }
    }

    /// A black-and-white photo's face is reported as grey, not with the meaningless hue of a
    /// colour of no chroma (it read "hue 297°", a purple); a colour photo's keeps its hue.
    @Test(.enabled(if: Fixtures.devPhotos != nil && StudioSigningTests.ready, "needs ../shared/photos/dev and the models (make setup)"))
    func aGreyFaceHasNoHue() throws {
        let grey = try EchtBinary.run(["analyse", Fixtures.devPhotos!.appendingPathComponent("portrait-profile-bw-camera-occlusion-01.png").path])
        #expect(grey.status == 0 && grey.stdout.contains("skin a* 0.0 b* 0.0 (grey)") && !grey.stdout.contains("hue"), "\(grey.stdout)")
        let colour = try EchtBinary.run(["analyse", Fixtures.samplePortrait.path])
        #expect(colour.status == 0 && colour.stdout.contains("(hue "), "\(colour.stdout)")
    }

    /// An overlay or matte named like the photo being analysed is refused before anything is
    /// written, and the photo is left as it was.
    @Test(.enabled(if: StudioSigningTests.ready, "needs the sample portrait and models from `make setup`"))
    func anOverlayNamedLikeThePhotoIsRefused() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("echt-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let photo = root.appendingPathComponent("portrait.png")
        try FileManager.default.copyItem(at: Fixtures.samplePortrait, to: photo)
        let before = try Data(contentsOf: photo)
        let run = try EchtBinary.run(["analyse", photo.path, "--matte", root.appendingPathComponent("./portrait.png").path])
        #expect(run.status != 0)
        #expect(run.stderr.contains("is one of the photos being analysed"), "\(run.stderr)")
        #expect(!run.stderr.contains("Usage:"), "a refusal is one sentence, not the top-level usage: \(run.stderr)")
        #expect(try Data(contentsOf: photo) == before)
        let same = try EchtBinary.run(["analyse", photo.path, "--matte", root.appendingPathComponent("a.png").path,
                                       "--overlay", root.appendingPathComponent("a.png").path])
        #expect(same.status != 0)
        #expect(same.stderr.contains("name the same file"), "\(same.stderr)")
    }

    /// The folders an overlay and a matte go to are made as `echt studio` makes its output
    /// folder; one the system refuses stops the run before any photo is analysed, in one
    /// sentence that names the folder and the system's reason.
    @Test(.enabled(if: StudioSigningTests.ready, "needs the sample portrait and models from `make setup`"))
    func outputFoldersAreMadeOrRefusedBeforeAnyWork() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("echt-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let photo = root.appendingPathComponent("portrait.png")
        try FileManager.default.copyItem(at: Fixtures.samplePortrait, to: photo)
        let overlay = root.appendingPathComponent("new/deeper/overlay.png"), matte = root.appendingPathComponent("mattes/matte.png")
        let made = try EchtBinary.run(["analyse", photo.path, "--overlay", overlay.path, "--matte", matte.path])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(FileManager.default.fileExists(atPath: overlay.path) && FileManager.default.fileExists(atPath: matte.path), "\(made.stderr)")

        let refusedFolder = "/proc/echt-\(UUID().uuidString)"
        let refused = try EchtBinary.run(["analyse", photo.path, "--overlay", "\(refusedFolder)/overlay.png"])
        #expect(refused.status == 1)
        #expect(refused.stdout.isEmpty, "no photo is analysed once a folder is refused: \(refused.stdout)")
        #expect(refused.stderr.contains("The folder \(refusedFolder) could not be made") && refused.stderr.contains("no such file or folder"),
                "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
    }
}

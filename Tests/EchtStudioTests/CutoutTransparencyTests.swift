import EchtImaging
import EchtTestSupport
import Foundation
import Testing
@testable import EchtStudio

/// The cut-out PNG stores colour 0 under every fully transparent pixel (alpha 0): that colour is
/// never seen, and runs of zeros make the file smaller and faster to write. Checked on a written
/// cut-out of a dev photo whose matte leaves much of the frame transparent.
@Suite(.enabled(if: Fixtures.devPhotos != nil
                && FileManager.default.fileExists(atPath: Fixtures.modelsDirectory.appendingPathComponent("face_landmark.tflite").path),
                "needs ../shared/photos/dev and the models (make setup)"))
struct CutoutTransparencyTests {
    @Test func transparentPixelsOfAWrittenCutoutHaveColourZero() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("echt-cutout-zero-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let options = StudioSession.Options(looks: [Look.builtIn["professional"]!], outDirectory: out, presets: [])
        let photo = Fixtures.devPhotos!.appendingPathComponent("portrait-elderly-cap-glasses-outdoor-01.jpg")
        _ = try StudioSession().run(file: photo, options: options)
        let file = out.appendingPathComponent("portrait-elderly-cap-glasses-outdoor-01/professional-cutout.png")
        let cutout = try ImageFile.decode(contentsOf: file).image
        try #require(cutout.channels == 4)
        var transparent = 0, coloured = 0
        for i in 0..<(cutout.width * cutout.height) where cutout.pixels[i * 4 + 3] == 0 {
            transparent += 1
            if cutout.pixels[(i * 4)..<(i * 4 + 3)].contains(where: { $0 != 0 }) { coloured += 1 }
        }
        #expect(transparent > cutout.width * cutout.height / 10, "the backdrop around the person is transparent")
        #expect(coloured == 0, "\(coloured) of \(transparent) transparent pixels keep a colour")
    }
}

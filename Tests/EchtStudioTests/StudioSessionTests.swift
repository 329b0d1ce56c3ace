import EchtImaging
import EchtTestSupport
import Foundation
import Testing
@testable import EchtStudio

/// End to end with the real models: the astronaut through two looks into a temporary folder.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: Fixtures.modelsDirectory.appendingPathComponent("face_landmark.tflite").path)
                && FileManager.default.fileExists(atPath: Fixtures.samplePortrait.path),
                "needs the models and the sample portrait (make setup)"))
struct StudioSessionTests {
    @Test func writesPredictableFilesAndNeverOverwritesWithoutForce() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("echt-studio-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let session = try StudioSession()
        let looks = [Look.builtIn["professional"]!, Look.builtIn["white"]!]
        let options = StudioSession.Options(looks: looks, outDirectory: out)
        let report = try session.run(file: Fixtures.samplePortrait, options: options)
        let folder = out.appendingPathComponent("astronaut")
        for name in ["professional.jpg", "professional-cutout.png", "white.jpg", "white-cutout.png", "sheet.html", "sheet.png", "input-preview.jpg"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path), "\(name) missing")
        }
        #expect(report.headshots.map(\.look) == ["professional", "white"])
        // The geometry check ran on the output and maps back within the limit.
        let error = try #require(report.headshots[0].honesty.landmarkErrorMean)
        #expect(error <= report.headshots[0].honesty.landmarkLimit)
        // The written JPEG decodes at the reported size.
        let decoded = try ImageFile.decode(contentsOf: folder.appendingPathComponent("white.jpg")).image
        #expect(decoded.width == report.headshots[1].width && decoded.height == report.headshots[1].height)
        #expect(decoded[0, 0, 0] > 0.97, "the white backdrop's corner stays white")
        let html = try String(contentsOf: folder.appendingPathComponent("sheet.html"), encoding: .utf8)
        #expect(html.contains("professional.jpg") && html.contains("skin texture kept"))
        #expect(throws: StudioError.outputExists(folder.appendingPathComponent("sheet.html").path)) {
            try session.run(file: Fixtures.samplePortrait, options: options)
        }
        var forced = options
        forced.force = true
        #expect(try session.run(file: Fixtures.samplePortrait, options: forced).headshots.count == 2)
    }
}

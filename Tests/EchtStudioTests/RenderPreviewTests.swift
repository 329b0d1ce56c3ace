import EchtImaging
import Foundation
import Testing
@testable import EchtStudio

/// Writes the astronaut in every built-in look as PPM files to `ECHT_STUDIO_PREVIEW` (a folder),
/// for a person to look at. Runs only when that variable is set.
@Suite struct RenderPreviewTests {
    static var folder: String? { ProcessInfo.processInfo.environment["ECHT_STUDIO_PREVIEW"] }

    @Test(.enabled(if: folder != nil && StudioFixtures.goldenFolder != nil, "set ECHT_STUDIO_PREVIEW to write previews"))
    func writePreviews() throws {
        let (image, analysis) = try StudioFixtures.astronautAnalysis()
        for name in Look.builtIn.keys.sorted() {
            let start = Date()
            let result = try StudioPipeline.render(image: image, analysis: analysis, face: analysis.faces[0], look: Look.builtIn[name]!)
            print(name, result.framing.width, result.framing.height, String(format: "%.2fs", Date().timeIntervalSince(start)),
                  result.honesty, result.balance, result.notes)
            try PPM.write(result.headshot, to: "\(Self.folder!)/\(name).ppm")
        }
    }
}

/// Minimal binary PPM writer for previews (sRGB encoded).
enum PPM {
    static func write(_ image: Image, to path: String) throws {
        var data = Data("P6\n\(image.width) \(image.height)\n255\n".utf8)
        for i in 0..<(image.width * image.height) {
            for c in 0..<3 {
                let v = image.pixels[i * image.channels + (image.channels == 1 ? 0 : c)]
                data.append(UInt8((SRGB.encode(v) * 255).rounded()))
            }
        }
        try data.write(to: URL(fileURLWithPath: path))
    }
}

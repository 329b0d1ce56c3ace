import EchtImaging
import EchtTestSupport
import Foundation
import Testing
@testable import EchtStudio

/// The blue fringe a blown background blooms onto an opaque outline does not survive on the
/// new backdrop (dev photo: Obama's navy shoulder before the chandelier's light).
@Suite(.enabled(if: StudioFixtures.devPhotosReady, StudioFixtures.devPhotosSkipReason))
struct EdgeFringeTests {
    /// Along the left shoulder's outline (opaque pixels within 6 px of it) the suit keeps the blue
    /// share of its own cloth 20–30 px further in, instead of the light-blue rim of the old background.
    @Test func theShoulderLosesTheBlueRimOfTheWindowLight() throws {
        let name = "group-2faces-indoor-obama-biden-01.jpg"
        let (session, image, found) = try StudioFixtures.analysedDevPhoto(name)
        let face = try StudioPipeline.chooseFace(in: found, index: nil, sourceName: name)
        let style = try #require(Look.builtIn["artistic"]).framing
        let analysis = try found.addingMattes(for: [face], styles: [style], image: image, analyzer: session.analyzer, sourceName: name)
        let framed = try StudioPipeline.frame(image: image, analysis: analysis, face: face, style: style, sourceName: name)
        let w = framed.alpha.width, h = framed.alpha.height
        let inside = DistanceField.chamfer(framed.alpha.pixels.map { $0 >= 0.5 }, width: w, height: h)
        // The left shoulder: the outline there runs across this box of the frame.
        let xs = Int(0.1 * Float(w))..<Int(0.27 * Float(w)), ys = Int(0.655 * Float(h))..<Int(0.75 * Float(h))
        var rim: [Float] = [], cloth: [Float] = []
        for y in ys {
            for x in xs {
                let i = y * w + x, a = framed.alpha.pixels[i], d = inside[i]
                let f = framed.foreground.pixels[(i * 3)..<(i * 3 + 3)]
                let blue = f.last! / max(f.reduce(0, +), 1e-6)
                if a >= 0.9, d <= 6 { rim.append(blue) }
                if a >= 0.98, d >= 20, d <= 30 { cloth.append(blue) }
            }
        }
        try #require(rim.count > 100 && cloth.count > 100, "the box holds the shoulder's outline (\(rim.count) rim, \(cloth.count) cloth px)")
        let clothBlue = cloth.reduce(0, +) / Float(cloth.count), rimBlue = rim.reduce(0, +) / Float(rim.count)
        let fringed = rim.filter { $0 > clothBlue + 0.08 }.count
        #expect(rimBlue - clothBlue < 0.02, "rim blue share \(rimBlue) vs the cloth's \(clothBlue)")
        #expect(fringed * 10 < rim.count, "\(fringed) of \(rim.count) rim px are far bluer than the cloth")
    }
}

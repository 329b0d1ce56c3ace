import EchtImaging
import EchtTestSupport
import EchtVision
import Foundation
import Testing
@testable import EchtStudio

/// A lone subject's selfie mask comes from the whole photo, but only the part its frames read
/// (and the photo's border, for the framing's edge checks) is matted at full resolution: the
/// matte there, and every frame made from it, must be exactly what the whole-photo matte gives.
@Suite(.enabled(if: StudioFixtures.devPhotosReady, StudioFixtures.devPhotosSkipReason))
struct MatteWindowTests {
    /// Both portraits' frames are tightened (the person touches the photo's edges), so the frames
    /// read less than the model's region, the whole photo: the edge checks find the same
    /// coverage on the photo's border, and the frames made from the window are identical.
    @Test(arguments: ["portrait-xlarge-4600px-beard-cluttered-01.jpg", "portrait-2282px-smile-dark-bg-01.jpg"])
    func regionMatteFramesLikeTheWholePhotoMatte(_ name: String) throws {
        let (session, image, found) = try StudioFixtures.analysedDevPhoto(name)
        let styles = [FramingStyle(fit: .loose), FramingStyle(fit: .standard)]
        let face = try StudioPipeline.chooseFace(in: found, index: nil, sourceName: name)
        let windowed = try found.addingMattes(for: [face], styles: styles, image: image, analyzer: session.analyzer, sourceName: name)
        let region = Framing.matteRegion(face: try #require(face.landmarks), styles: styles, sourceWidth: image.width, sourceHeight: image.height)
        let claim = try session.analyzer.claim(for: face, among: found.faces, in: image, region: region)
        let whole = session.analyzer.subjectMatte(for: claim, neighbours: [claim], in: image)
        let part = try #require(windowed.matte(for: face))
        // The model saw the whole photo; the full-resolution pass covered a part of it only,
        // and the photo's border.
        #expect(whole.alpha.width == image.width && whole.alpha.height == image.height)
        #expect(part.alpha.width * part.alpha.height < whole.alpha.width * whole.alpha.height,
                "\(part.alpha.width)x\(part.alpha.height) at (\(part.originX), \(part.originY)) of \(image.width)x\(image.height)")
        var differences = 0
        for y in part.originY..<(part.originY + part.alpha.height) {
            for x in part.originX..<(part.originX + part.alpha.width) where part.coverage(x: x, y: y) != whole.coverage(x: x, y: y) {
                differences += 1
            }
        }
        #expect(differences == 0, "\(differences) alpha samples differ inside the region")
        let border = (0..<image.width).flatMap { [($0, 0), ($0, image.height - 1)] } + (0..<image.height).flatMap { [(0, $0), (image.width - 1, $0)] }
        let borderDifferences = border.filter { part.coverage(x: $0.0, y: $0.1) != whole.coverage(x: $0.0, y: $0.1) }.count
        #expect(borderDifferences == 0, "\(borderDifferences) alpha samples differ on the photo's border")
        if name.contains("xlarge") {
            // A matte made for the tight frame only cannot serve the loose one.
            let tight = try found.addingMattes(for: [face], styles: [FramingStyle(fit: .tight)], image: image,
                                               analyzer: session.analyzer, sourceName: name)
            #expect(throws: StudioError.matteMissesFrame(name, style: "loose")) {
                try StudioPipeline.frame(image: image, analysis: tight, face: face, style: FramingStyle(fit: .loose), sourceName: name)
            }
            // The person runs across the bottom edge, below the window: only the border tells
            // the edge check of a frame reaching past that edge (the loose frame does) so.
            let bottom = (0..<image.width).map { part.coverage(x: $0, y: image.height - 1) }
            #expect(part.originY + part.alpha.height < image.height)
            #expect(bottom.reduce(0, +) / Float(image.width) > 0.05)
        }
        var reference = found
        reference.mattes[try #require(found.faces.firstIndex(of: face))] = whole
        for style in styles {
            let a = try StudioPipeline.frame(image: image, analysis: windowed, face: face, style: style, sourceName: name)
            let b = try StudioPipeline.frame(image: image, analysis: reference, face: face, style: style, sourceName: name)
            #expect(a.framing == b.framing, "\(style.fit): the frame moved")
            #expect(a.alpha == b.alpha && a.foreground == b.foreground, "\(style.fit): the framed matte differs")
        }
    }
}

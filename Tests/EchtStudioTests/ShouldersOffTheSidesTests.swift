import EchtImaging
import Foundation
import EchtVision
import Testing
@testable import EchtStudio

/// A person running off both side edges of the photo is framed across the photo's width
/// (`ShouldersOffTheSides`), not tightened towards a head shot.
@Suite(.enabled(if: StudioFixtures.goldenFolder != nil, StudioFixtures.skipReason))
struct ShouldersOffTheSidesTests {
    /// The astronaut's mesh in a 512-px-high photo cut to `width` columns from `x0`, and a matte
    /// of a body filling `columns` from row `body` down.
    static func astronautCut(from x0: Int, width w: Int, body: Int, columns: Range<Int>) throws -> (FaceLandmarks, Image) {
        let h = 512
        let mesh = try StudioFixtures.astronautMesh().mapped(depthScale: 1) { $0 - SIMD2(Float(x0), 0) }
        var matte = Image.plane(width: w, height: h)
        for y in body..<h { for x in columns { matte.pixels[y * w + x] = 1 } }
        return (mesh, matte)
    }

    /// The astronaut in a photo cut to 250 px wide (x 110–360), a body across its whole width
    /// below row 230: the frame is as tall as the width allows (1 px), inside both side edges.
    @Test func aBodyAcrossThePhotoIsFramedToItsWidth() throws {
        let (w, h) = (250, 512)
        let (mesh, matte) = try Self.astronautCut(from: 110, width: w, body: 230, columns: 0..<w)
        let f = Framing.headAndShoulders(face: mesh, sourceWidth: w, sourceHeight: h, matte: matte, style: .init())
        let a = f.levelDegrees * .pi / 180, style = FramingStyle()
        let widest = Double(w) / (style.aspect * abs(cos(a)) + abs(sin(a)))
        #expect(abs(f.transform.scale * Double(f.height) - widest) < 1.5, "height \(f.transform.scale * Double(f.height)), widest \(widest)")
        #expect(f.notes.contains { $0.contains("as wide as the photo") }, "\(f.notes)")
        for corner in [SIMD2<Double>(0, 0), SIMD2(Double(f.width), 0), SIMD2(0, Double(f.height)), SIMD2(Double(f.width), Double(f.height))] {
            let p = f.transform.sourcePoint(corner)
            #expect(p.x >= -0.5 && p.x <= Double(w) + 0.5, "corner \(corner) → \(p)")
        }
    }

    /// The astronaut in a photo cut to 150 px wide (x 150–300), a body across it below row 180:
    /// the frame across is so much smaller than composed that with the eye line at its usual
    /// place its top cut the head, whose top the mesh puts at row 26; it goes up to keep it, and
    /// says so.
    @Test func aFrameAcrossANarrowPhotoKeepsTheTopOfTheHead() throws {
        let (w, h) = (150, 512)
        let (mesh, matte) = try Self.astronautCut(from: 150, width: w, body: 180, columns: 0..<w)
        let f = Framing.headAndShoulders(face: mesh, sourceWidth: w, sourceHeight: h, matte: matte, style: .init())
        #expect(f.notes.contains { $0.contains("as wide as the photo") }, "\(f.notes)")
        #expect(f.notes.contains { $0.contains("keep the top of the head") }, "\(f.notes)")
        // The frame's highest corner (it is levelled by 2.8°).
        let top = [0, Double(f.width)].map { f.transform.sourcePoint(SIMD2($0, 0)).y }.min()!
        let crown = ShouldersOffTheSides.headTop(face: mesh)
        #expect(top <= crown + 0.5 && top >= -0.5, "frame top \(top), head top \(crown)")
    }

    /// A body touching only the left edge keeps the edge rule: no frame across the photo.
    @Test func aBodyOffOneSideKeepsTheEdgeRule() throws {
        let (w, h) = (250, 512)
        let (mesh, matte) = try Self.astronautCut(from: 110, width: w, body: 230, columns: 0..<150)
        let f = Framing.headAndShoulders(face: mesh, sourceWidth: w, sourceHeight: h, matte: matte, style: .init())
        #expect(!f.notes.contains { $0.contains("as wide as the photo") }, "\(f.notes)")
    }

    /// Scan border: 2 grey columns left, 1 black right, 3 grey rows on top, none at the bottom,
    /// around a picture that varies along every line; a photo plain to its edges has none.
    @Test func scanBorderLinesAreFound() {
        let (w, h) = (120, 160)
        var image = Image(width: w, height: h, filledWith: [0, 0, 0])
        for y in 0..<h {
            for x in 0..<w {
                let v: Float = x == w - 1 ? 0 : x < 2 || y < 3 ? 0.12 : Float((x * 7 + y * 13) % 17) / 17
                for c in 0..<3 { image.pixels[(y * w + x) * 3 + c] = v }
            }
        }
        #expect(ScanBorder.picture(of: image) == PixelRect(minX: 2, minY: 3, maxX: Float(w - 1), maxY: Float(h)))
        let plain = Image(width: w, height: h, filledWith: [0.3, 0.3, 0.3])
        #expect(ScanBorder.picture(of: plain) == PixelRect(minX: 0, minY: 0, maxX: Float(w), maxY: Float(h)))
    }
}

/// The same on the dev photos. Face paint: with its far shoulder solid (`CornerSkin`) the matte
/// reaches both side edges, and the edge rule tightened the frame 880×1100 → 779×974 through
/// the collarbone strokes; now 835×1044, the strokes and the solid right shoulder in. Red hat:
/// a scan with a 2–4 px grey/black border, which the frame keeps out.
@Suite(.enabled(if: StudioFixtures.devPhotosReady, StudioFixtures.devPhotosSkipReason))
struct ShouldersOffTheSidesPhotoTests {
    /// The dev photo `name` framed for `look` (`UnconfirmedBalancePhotoTests.framed`).
    static func framed(_ name: String, look: String = "professional") throws -> (image: Image, framed: FramedSubject) {
        let (image, framed, _) = try UnconfirmedBalancePhotoTests.framed(name, look: look)
        return (image, framed)
    }

    /// Source corners of a framing.
    static func corners(_ f: Framing) -> [SIMD2<Double>] {
        [SIMD2<Double>(0, 0), SIMD2(Double(f.width), 0), SIMD2(0, Double(f.height)), SIMD2(Double(f.width), Double(f.height))]
            .map { f.transform.sourcePoint($0) }
    }

    /// Mean of `alpha` over the box `x` × `y` (output pixels).
    static func mean(_ alpha: Image, x: Range<Int>, y: Range<Int>) -> Float {
        var sum: Float = 0
        for v in y { for u in x { sum += alpha.pixels[v * alpha.width + u] } }
        return sum / Float(x.count * y.count)
    }

    /// Face paint: 835×1044 ± 3, the collarbone strokes in, the far shoulder solid at the frame's bottom right.
    @Test func facePaintKeepsHeadAndShouldersWithTheFarShoulderSolid() throws {
        let f = try Self.framed("portrait-facepaint-dark-skin-01.png").framed
        let size = (f.framing.width, f.framing.height)
        #expect(abs(size.0 - 835) <= 3 && abs(size.1 - 1044) <= 3, "frame \(size) (was 880×1100; 779×974 by the edge rule)")
        #expect(f.framing.notes.contains { $0.contains("as wide as the photo") }, "\(f.framing.notes)")
        // The collarbone strokes (photo y ≈ 1000–1060) lie above the frame's bottom.
        #expect(Self.corners(f.framing).map(\.y).max()! > 1085, "the frame's bottom cuts the collarbone strokes")
        let w = f.alpha.width, h = f.alpha.height
        let shoulder = Self.mean(f.alpha, x: (w - 40)..<w, y: (h - 60)..<h)
        #expect(shoulder > 0.9, "the far shoulder at the frame's bottom right: \(shoulder) (0.20 before)")
    }

    /// Red hat: its border (3, 2, 3, 4 lines) found, and every frame corner inside it.
    @Test func theRedHatScanBorderStaysOutOfTheFrame() throws {
        let (image, f) = try Self.framed("portrait-red-hat-kodak-01.png")
        let picture = ScanBorder.picture(of: image)
        #expect(picture == PixelRect(minX: 3, minY: 3, maxX: 510, maxY: 764), "\(picture)")
        #expect(f.framing.notes.contains { $0.contains("as wide as the photo") }, "\(f.framing.notes)")
        for p in Self.corners(f.framing) {
            #expect(p.x >= 3 - 0.5 && p.x <= 510 + 0.5 && p.y <= 764 + 0.5, "frame corner \(p) in the scan border")
        }
    }

    /// Elderly man (shirt and fleece off both sides): 797×996 → 837×1046.
    @Test func theElderlyManIsFramedToThePhotosWidth() throws {
        let f = try Self.framed("portrait-elderly-cap-glasses-outdoor-01.jpg").framed.framing
        #expect(abs(f.width - 837) <= 3 && abs(f.height - 1046) <= 3, "frame \(f.width)×\(f.height)")
    }
}

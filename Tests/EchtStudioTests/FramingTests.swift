import EchtImaging
import EchtVision
import Testing
@testable import EchtStudio

@Suite(.enabled(if: StudioFixtures.goldenFolder != nil, StudioFixtures.skipReason))
struct FramingTests {
    /// The astronaut's mesh rotated by `degrees` about the image centre.
    static func rotatedMesh(_ degrees: Double) throws -> FaceLandmarks {
        let t = SimilarityTransform(scale: 1, angle: degrees * .pi / 180, translationX: 0, translationY: 0)
        let c = SIMD2<Float>(256, 256)
        return try StudioFixtures.astronautMesh().mapped(depthScale: 1) { t.sourcePoint($0 - c) + c }
    }

    @Test(arguments: [0.0, 8.0, -11.0])
    func eyesAreLevelAndOnTheEyeLine(_ degrees: Double) throws {
        let mesh = try Self.rotatedMesh(degrees)
        let style = FramingStyle(fit: .standard)
        let f = Framing.headAndShoulders(face: mesh, sourceWidth: 512, sourceHeight: 512, style: style)
        let right = f.transform.outputPoint(MeshRegions.rightEyeCentre(mesh))
        let left = f.transform.outputPoint(MeshRegions.leftEyeCentre(mesh))
        #expect(abs(right.y - left.y) < 0.01, "eyes differ by \(right.y - left.y) px after levelling")
        #expect(abs(Double((right.y + left.y) / 2) - style.eyeLine * Double(f.height)) < 1)
        // The original astronaut tilts 2.9° (reference value); the rotation adds to it.
        #expect(abs(f.levelDegrees - (degrees + 2.9)) < 0.6)
        let midline = MeshRegions.points(MeshRegions.midline, of: mesh).map { f.transform.outputPoint($0).x }
        let meanX = midline.reduce(0, +) / Float(midline.count)
        #expect(abs(meanX - Float(f.width) / 2) < Float(f.width) * 0.03)
    }

    @Test func rotationIsClampedToFifteenDegrees() throws {
        let f = Framing.headAndShoulders(face: try Self.rotatedMesh(30), sourceWidth: 512, sourceHeight: 512, style: .init())
        #expect(abs(f.levelDegrees - 15) < 1e-9)
    }

    @Test func neverUpscalesAndSaysSo() throws {
        let f = Framing.headAndShoulders(face: try StudioFixtures.astronautMesh(), sourceWidth: 512, sourceHeight: 512, style: .init())
        #expect(f.transform.scale >= 1)
        #expect(f.height < 2400)
        #expect(f.notes.contains { $0.contains("300 dpi") && $0.contains("not upscaled") })
    }

    @Test(arguments: FramingStyle.Fit.allCases)
    func looserFitsShowMore(_ fit: FramingStyle.Fit) throws {
        let mesh = try StudioFixtures.astronautMesh()
        let f = Framing.headAndShoulders(face: mesh, sourceWidth: 512, sourceHeight: 512, style: .init(fit: fit))
        let chin = f.transform.outputPoint(MeshRegions.points([MeshRegions.chin], of: mesh)[0])
        let eyes = (f.transform.outputPoint(MeshRegions.rightEyeCentre(mesh)) + f.transform.outputPoint(MeshRegions.leftEyeCentre(mesh))) / 2
        #expect(abs(Double(chin.y - eyes.y) / Double(f.height) - fit.eyeToChinFraction) < 0.01)
    }

    @Test func tightensInsteadOfExtendingPastAnEdgeThePersonTouches() throws {
        let mesh = try StudioFixtures.astronautMesh()
        // A person reaching the bottom edge of a photo cut just below the chin.
        var matte = Image.plane(width: 512, height: 260)
        for y in 60..<260 { for x in 150..<300 { matte.pixels[y * 512 + x] = 1 } }
        let loose = FramingStyle(fit: .loose)
        let free = Framing.headAndShoulders(face: mesh, sourceWidth: 512, sourceHeight: 260, style: loose)
        let held = Framing.headAndShoulders(face: mesh, sourceWidth: 512, sourceHeight: 260, matte: matte, style: loose)
        #expect(held.transform.scale * Double(held.height) < free.transform.scale * Double(free.height))
        #expect(held.notes.contains { $0.contains("tighter") })
    }

    /// `withinPhoto` (the natural look): the astronaut's standard frame reaches 28 px past the
    /// photo's top, above her head. Tighter (towards the tight fit) and moved a little, it stays
    /// inside the photo, so no background is made up there; from a photo cut 40 px lower it cannot
    /// without cropping closer than the tight fit, and the standard frame stays.
    @Test(arguments: [0, 40])
    func aSharpBackgroundLookStaysInsideThePhotoWhenItCan(cut: Int) throws {
        let mesh = try StudioFixtures.astronautMesh().mapped(depthScale: 1) { $0 - SIMD2(0, Float(cut)) }
        let (w, h) = (512, 512 - cut)
        var matte = Image.plane(width: w, height: h)
        for y in max(0, 60 - cut)..<h { for x in 120..<400 { matte.pixels[y * w + x] = 1 } }
        let standard = Framing.headAndShoulders(face: mesh, sourceWidth: w, sourceHeight: h, matte: matte, style: .init())
        let inside = Framing.headAndShoulders(face: mesh, sourceWidth: w, sourceHeight: h, matte: matte, style: .init(withinPhoto: true))
        #expect(standard.extendsPastPhoto)
        let note = "Framed tighter than asked to stay inside the photo, so none of this look's background is made up past its edge."
        if cut == 0 {
            #expect(!inside.extendsPastPhoto)
            #expect(inside.notes.contains(note), "\(inside.notes)")
            let chin = inside.transform.outputPoint(MeshRegions.points([MeshRegions.chin], of: mesh)[0])
            let eyes = (inside.transform.outputPoint(MeshRegions.rightEyeCentre(mesh)) + inside.transform.outputPoint(MeshRegions.leftEyeCentre(mesh))) / 2
            let fraction = Double(chin.y - eyes.y) / Double(inside.height)
            #expect(fraction > FramingStyle.Fit.standard.eyeToChinFraction && fraction < FramingStyle.Fit.tight.eyeToChinFraction + 0.005)
        } else {
            #expect(inside.extendsPastPhoto && inside.transform == standard.transform && !inside.notes.contains(note))
        }
    }

    /// `withinPhoto` never moves the frame sideways, off the face's centre line: from the
    /// astronaut's photo cut 120 px on the left, where only a tight frame moved to the right would
    /// stay inside (her face tilts, so the frame's bottom corner reaches furthest left), the
    /// standard frame stays (past the left edge, filled there).
    @Test func aSharpBackgroundLookKeepsTheFaceOnTheCentreLine() throws {
        let cut: Float = 120
        let mesh = try StudioFixtures.astronautMesh().mapped(depthScale: 1) { $0 - SIMD2(cut, 0) }
        let (w, h) = (512 - Int(cut), 512)
        var matte = Image.plane(width: w, height: h)
        for y in 60..<h { for x in 50..<280 { matte.pixels[y * w + x] = 1 } }
        let standard = Framing.headAndShoulders(face: mesh, sourceWidth: w, sourceHeight: h, matte: matte, style: .init())
        let inside = Framing.headAndShoulders(face: mesh, sourceWidth: w, sourceHeight: h, matte: matte, style: .init(withinPhoto: true))
        #expect(standard.transform.sourcePoint(SIMD2<Double>(0, Double(standard.height))).x < 0, "the standard frame crosses the left edge")
        #expect(inside.transform == standard.transform && inside.extendsPastPhoto)
    }

    /// A (tilted) close-up, the person filling the photo to every edge: no head-and-shoulders
    /// frame fits, so the frame stays wholly inside the photo instead of showing its edge as a
    /// diagonal line through the person.
    @Test(arguments: [0.0, 9.0])
    func aCloseUpStaysInsideThePhoto(_ degrees: Double) throws {
        let mesh = try Self.rotatedMesh(degrees)
        let (x0, y0, w, h) = (150, 60, 190, 150) // the photo: the face and a little more
        let local = mesh.mapped(depthScale: 1) { $0 - SIMD2(Float(x0), Float(y0)) }
        var matte = Image.plane(width: w, height: h)
        for i in 0..<(w * h) { matte.pixels[i] = 1 }
        let f = Framing.headAndShoulders(face: local, sourceWidth: w, sourceHeight: h, matte: matte, style: .init())
        #expect(!f.extendsPastPhoto)
        for corner in [SIMD2<Double>(0, 0), SIMD2(Double(f.width), 0), SIMD2(0, Double(f.height)), SIMD2(Double(f.width), Double(f.height))] {
            let p = f.transform.sourcePoint(corner)
            #expect(p.x >= -0.5 && p.y >= -0.5 && p.x <= Double(w) + 0.5 && p.y <= Double(h) + 0.5, "corner \(corner) → \(p)")
        }
        #expect(f.notes.contains { $0.contains("closest crop") }, "\(f.notes)")
        let eyes = (f.transform.outputPoint(MeshRegions.rightEyeCentre(local)) + f.transform.outputPoint(MeshRegions.leftEyeCentre(local))) / 2
        #expect(eyes.x > 0 && eyes.x < Float(f.width) && eyes.y > 0 && eyes.y < Float(f.height), "the face stays in the frame")
    }
}

import EchtImaging
import Testing
@testable import EchtVision

/// Geometry measures on reference landmarks of known transforms of the same face.
struct FaceGeometryTests {
    func pose(_ name: String) throws -> FaceReport.HeadPose {
        FaceGeometry.headPose(try #require(try VisionGolden.load(name).faces.first).points)
    }

    @Test func astronautFacesTheCamera() throws {
        let p = try pose("astronaut")
        #expect(abs(p.yaw) < 15 && abs(p.pitch) < 20 && abs(p.roll) < 6, "\(p)")
    }

    @Test func mirrorNegatesYawAndRoll() throws {
        let a = try pose("astronaut"), m = try pose("astronaut_mirrored")
        #expect(abs(a.yaw + m.yaw) < 2.5, "yaw \(a.yaw) vs mirrored \(m.yaw)")
        #expect(abs(a.roll + m.roll) < 1, "roll \(a.roll) vs mirrored \(m.roll)")
        #expect(abs(a.pitch - m.pitch) < 2.5, "pitch \(a.pitch) vs mirrored \(m.pitch)")
    }

    // The mesh itself moves a little when the face is tilted (its crop differs), so yaw and
    // pitch get a few degrees of slack. (At 90° the detector's keypoints degrade: photos are
    // analysed upright, after EXIF orientation is applied.)
    @Test(arguments: [("astronaut_tilt30cw", Float(30), Float(2.5), Float(6)), ("astronaut_half", Float(0), Float(1), Float(2))])
    func rotationAddsToRollOnly(name: String, degrees: Float, rollSlack: Float, slack: Float) throws {
        let a = try pose("astronaut"), t = try pose(name)
        #expect(abs(t.roll - a.roll - degrees) < rollSlack, "roll \(a.roll) → \(t.roll)")
        #expect(abs(t.yaw - a.yaw) < slack && abs(t.pitch - a.pitch) < slack, "\(a) → \(t)")
    }

    @Test func eyesClosedAndOpen() throws {
        for (name, open) in [("astronaut", true), ("obama", true), ("kodak", true), ("eyes_closed", false)] {
            let g = try #require(try VisionGolden.load(name).faces.first)
            let left = FaceGeometry.eyeOpenness(g.points, iris: g.faceLandmarks.rightIris, corners: (33, 133), lids: (159, 145))
            let right = FaceGeometry.eyeOpenness(g.points, iris: g.faceLandmarks.leftIris, corners: (362, 263), lids: (386, 374))
            if open { #expect(min(left, right) > 0.2, "\(name): \(left), \(right)") } else { #expect(max(left, right) < 0.12, "\(name): \(left), \(right)") }
        }
    }

    @Test func mirrorSwapsEyesAndKeepsMouth() throws {
        let ga = try #require(try VisionGolden.load("astronaut").faces.first)
        let gm = try #require(try VisionGolden.load("astronaut_mirrored").faces.first)
        let a = ga.points, m = gm.points
        let aLeft = FaceGeometry.eyeOpenness(a, iris: ga.faceLandmarks.rightIris, corners: (33, 133), lids: (159, 145))
        let mRight = FaceGeometry.eyeOpenness(m, iris: gm.faceLandmarks.leftIris, corners: (362, 263), lids: (386, 374))
        #expect(abs(aLeft - mRight) < 0.04)
        #expect(abs(FaceGeometry.mouthOpenness(a) - FaceGeometry.mouthOpenness(m)) < 0.03)
        #expect(abs(FaceGeometry.smile(a).lift - FaceGeometry.smile(m).lift) < 0.02)
    }

    @Test func smilesScoreAboveNeutral() throws {
        let smiling = try ["astronaut", "obama", "kodak"].map { FaceGeometry.smile(try #require(try VisionGolden.load($0).faces.first).points).score }
        let neutral = FaceGeometry.smile(try #require(try VisionGolden.load("eyes_closed").faces.first).points).score
        #expect(smiling.allSatisfy { $0 > neutral + 0.2 }, "smiling \(smiling), neutral \(neutral)")
    }

    @Test func gazeMirrorsAndLooksAtCamera() throws {
        let a = try #require(try VisionGolden.load("astronaut").faces.first)
        let m = try #require(try VisionGolden.load("astronaut_mirrored").faces.first)
        let ga = try #require(FaceGeometry.gaze(a.points, left: a.faceLandmarks.leftIris, right: a.faceLandmarks.rightIris, pose: FaceGeometry.headPose(a.points)))
        let gm = try #require(FaceGeometry.gaze(m.points, left: m.faceLandmarks.leftIris, right: m.faceLandmarks.rightIris, pose: FaceGeometry.headPose(m.points)))
        #expect(abs(ga.horizontal + gm.horizontal) < 0.03, "\(ga.horizontal) vs \(gm.horizontal)")
        #expect(ga.towardCamera > 0.5, "\(ga)")
    }
}

/// Pixel measures on the golden astronaut, with known changes applied to the pixels.
@Suite(.enabled(if: ModelGolden.available, "needs ../shared/docs/models/golden (astronaut bytes)"))
struct ImageMeasureTests {
    func report(_ image: Image, golden name: String = "astronaut") throws -> FaceReport {
        let g = try #require(try VisionGolden.load(name).faces.first)
        return FaceReport(face: g.face, landmarks: g.faceLandmarks, in: image)
    }

    @Test func astronautBaseline() throws {
        let r = try report(try ModelGolden.astronaut())
        #expect(r.exposure.meanLightness > 40 && r.exposure.meanLightness < 85, "\(r.exposure)")
        #expect(r.exposure.clippedHighlights < 0.05)
        #expect(r.skinColour.hue > 20 && r.skinColour.hue < 80, "\(r.skinColour)")
        #expect(r.eyeSharpness > 0.2, "\(r.eyeSharpness)")
        #expect(r.size.interocularPixels > 40 && r.size.interocularPixels < 46)
    }

    @Test func darkeningHalvesLuminanceAndKeepsSharpness() throws {
        let image = try ModelGolden.astronaut()
        let a = try report(image), d = try report(TestImages.scaled(image, by: [0.5, 0.5, 0.5]))
        #expect(abs(d.exposure.meanLuminance / a.exposure.meanLuminance - 0.5) < 0.01)
        #expect(abs(d.eyeSharpness / a.eyeSharpness - 1) < 0.15, "\(a.eyeSharpness) → \(d.eyeSharpness)")
        #expect(abs(d.skinColour.hue - a.skinColour.hue) < 3)
    }

    @Test func brighteningClipsHighlights() throws {
        let image = try ModelGolden.astronaut()
        let a = try report(image), b = try report(TestImages.scaled(image, by: [4, 4, 4]))
        #expect(b.exposure.clippedHighlights > a.exposure.clippedHighlights + 0.3, "\(a.exposure) → \(b.exposure)")
    }

    @Test func blurLowersSharpnessAndNoise() throws {
        let image = try ModelGolden.astronaut()
        let a = try report(image), b = try report(TestImages.blurred(image, radius: 2))
        #expect(b.eyeSharpness < 0.7 * a.eyeSharpness, "\(a.eyeSharpness) → \(b.eyeSharpness)")
        #expect(b.noise < a.noise, "\(a.noise) → \(b.noise)")
    }

    @Test func addedNoiseIsMeasured() throws {
        let image = try ModelGolden.astronaut()
        let a = try report(image)
        let n6 = try report(TestImages.noisy(image, sigma: 6 / 255, seed: 42))
        let n12 = try report(TestImages.noisy(image, sigma: 12 / 255, seed: 42))
        #expect(n6.noise > a.noise + 2 && n12.noise > n6.noise + 3, "\(a.noise) → \(n6.noise) → \(n12.noise) (seed 42)")
    }

    @Test func blueCastShowsInSkinColour() throws {
        let image = try ModelGolden.astronaut()
        let a = try report(image), b = try report(TestImages.scaled(image, by: [0.85, 1, 1.3]))
        #expect(b.skinColour.b < a.skinColour.b - 5, "\(a.skinColour) → \(b.skinColour)")
    }

    @Test func mirrorAndDownscaleKeepPixelMeasures() throws {
        let image = try ModelGolden.astronaut()
        let a = try report(image)
        let m = try report(TestImages.mirrored(image), golden: "astronaut_mirrored")
        #expect(abs(m.exposure.meanLightness - a.exposure.meanLightness) < 1.5)
        #expect(abs(m.eyeSharpness / a.eyeSharpness - 1) < 0.2, "\(a.eyeSharpness) vs \(m.eyeSharpness)")
        let h = try report(TestImages.halved(image), golden: "astronaut_half")
        #expect(abs(h.exposure.meanLightness - a.exposure.meanLightness) < 1.5)
        #expect(abs(h.size.interocularPixels / a.size.interocularPixels - 0.5) < 0.02)
        #expect(abs(h.size.relativeHeight / a.size.relativeHeight - 1) < 0.03)
    }
}

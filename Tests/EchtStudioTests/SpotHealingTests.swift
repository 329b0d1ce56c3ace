import EchtImaging
import EchtTestSupport
import EchtVision
import Foundation
import Testing
@testable import EchtStudio
#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// Spot healing: small round spots are evened to the skin around them, texture and everything
/// else stay.
@Suite struct SpotHealingTests {
    static let faceWidth: Float = 400

    /// Darkens (and reddens) a round spot of `radius` at (`cx`, `cy`) by `depth` with a soft edge.
    static func paintSpot(_ image: inout Image, cx: Float, cy: Float, radius: Float, depth: Float) {
        let reach = Int(radius * 2) + 1
        for y in max(0, Int(cy) - reach)...min(image.height - 1, Int(cy) + reach) {
            for x in max(0, Int(cx) - reach)...min(image.width - 1, Int(cx) + reach) {
                let d = ((Float(x) - cx) * (Float(x) - cx) + (Float(y) - cy) * (Float(y) - cy)).squareRoot()
                let k = depth * expf(-(d * d) / (2 * radius * radius * 0.5))
                image[x, y, 0] *= 1 - 0.6 * k; image[x, y, 1] *= 1 - k; image[x, y, 2] *= 1 - k
            }
        }
    }

    /// Mean luminance over a disc.
    static func meanLuminance(_ image: Image, cx: Float, cy: Float, from inner: Float, to outer: Float) -> Float {
        var sum: Float = 0, n: Float = 0
        for y in 0..<image.height { for x in 0..<image.width {
            let d = ((Float(x) - cx) * (Float(x) - cx) + (Float(y) - cy) * (Float(y) - cy)).squareRoot()
            if d >= inner && d <= outer { sum += SRGB.luminance(image[x, y, 0], image[x, y, 1], image[x, y, 2]); n += 1 }
        } }
        return sum / n
    }

    @Test func aRoundSpotIsFoundAndEvenedKeepingTheRest() {
        let (clean, mask) = RetouchTests.skinPatch(faceWidth: Self.faceWidth, seed: 11)
        var spotted = clean
        Self.paintSpot(&spotted, cx: 100, cy: 90, radius: 4, depth: 0.4)
        let skin = BoxedPlane(whole: mask)
        let spots = SpotHealing.find(in: spotted, skin: skin, faceWidth: Self.faceWidth)
        #expect(spots.count == 1, "\(spots)")
        guard let spot = spots.first else { return }
        #expect(abs(spot.x - 100) < 1.5 && abs(spot.y - 90) < 1.5, "\(spot)")
        // The mirrored patch gives the mirrored spot.
        var mirrored = spotted
        for y in 0..<200 { for x in 0..<200 { for c in 0..<3 { mirrored[x, y, c] = spotted[199 - x, y, c] } } }
        let seen = SpotHealing.find(in: mirrored, skin: skin, faceWidth: Self.faceWidth)
        #expect(seen.count == 1 && abs(seen[0].x - (199 - spot.x)) < 0.01 && abs(seen[0].y - spot.y) < 0.01
                && abs(seen[0].radius - spot.radius) < 0.01, "\(seen) against \(spot)")
        let healed = SpotHealing.heal(spotted, spots: spots, skin: skin, faceWidth: Self.faceWidth)
        let ring = Self.meanLuminance(spotted, cx: 100, cy: 90, from: 12, to: 18)
        let before = Self.meanLuminance(spotted, cx: 100, cy: 90, from: 0, to: 2) / ring
        let after = Self.meanLuminance(healed, cx: 100, cy: 90, from: 0, to: 2) / ring
        #expect(before < 0.75 && abs(after - 1) < 0.08, "core against ring: \(before) → \(after)")
        // Nothing beyond 2.5 times the spot's radius changes.
        for y in 0..<200 { for x in 0..<200 {
            let d = ((Float(x) - spot.x) * (Float(x) - spot.x) + (Float(y) - spot.y) * (Float(y) - spot.y)).squareRoot()
            if d > spot.radius * 2.5 + 1 { for c in 0..<3 where healed[x, y, c] != spotted[x, y, c] { Issue.record("(\(x), \(y)) changed"); return } }
        } }
        // The pores inside the spot stay: the healed core's pixel-scale detail (each pixel against
        // its 3×3 neighbourhood) follows the clean skin's.
        func detail(_ image: Image, _ x: Int, _ y: Int) -> Float {
            func l(_ x: Int, _ y: Int) -> Float { SRGB.luminance(image[x, y, 0], image[x, y, 1], image[x, y, 2]) }
            var sum: Float = 0
            for dy in -1...1 { for dx in -1...1 { sum += l(x + dx, y + dy) } }
            return l(x, y) / (sum / 9) - 1
        }
        var agree: Float = 0, cleanEnergy: Float = 0, healedEnergy: Float = 0
        for y in 85...95 { for x in 95...105 where (x - 100) * (x - 100) + (y - 90) * (y - 90) <= 25 {
            let a = detail(clean, x, y), b = detail(healed, x, y)
            agree += a * b; cleanEnergy += a * a; healedEnergy += b * b
        } }
        let correlation = agree / (cleanEnergy * healedEnergy).squareRoot()
        #expect(correlation > 0.9 && healedEnergy > cleanEnergy * 0.6, "texture inside the spot: correlation \(correlation), energy \(healedEnergy / cleanEnergy) of the clean skin's")
    }

    @Test func linesAndLargeMarksAndSpotsAtTheSkinsEdgeStay() {
        let (clean, fullMask) = RetouchTests.skinPatch(faceWidth: Self.faceWidth, seed: 12)
        var marked = clean
        // A wrinkle-like line: a row of overlapping small spots, 40 px long.
        for x in stride(from: 40, through: 80, by: 2) { Self.paintSpot(&marked, cx: Float(x), cy: 50, radius: 1.5, depth: 0.3) }
        // A mark larger than a spot (radius 16 px = 4 % of the face width).
        Self.paintSpot(&marked, cx: 140, cy: 140, radius: 16, depth: 0.4)
        // A spot beside the mask's edge (an eye or a lip).
        Self.paintSpot(&marked, cx: 60, cy: 150, radius: 4, depth: 0.4)
        var mask = fullMask
        for y in 0..<200 { for x in 0..<200 where x < 62 && y > 140 && y < 170 && x > 50 { mask[x, y, 0] = 0 } }
        let spots = SpotHealing.find(in: marked, skin: BoxedPlane(whole: mask), faceWidth: Self.faceWidth)
        #expect(spots.isEmpty, "\(spots)")
    }

    @Test func aLookWithoutSpotsLeavesThemAndTheRecordSaysWhichWasDone() throws {
        let (image, mask) = RetouchTests.skinPatch(faceWidth: Self.faceWidth, seed: 13)
        var spotted = image
        Self.paintSpot(&spotted, cx: 100, cy: 100, radius: 4, depth: 0.4)
        let empty = BoxedPlane(whole: Image.plane(width: 200, height: 200))
        let masks = FaceMasks(skin: BoxedPlane(whole: mask), eyes: empty, mouth: empty, face: BoxedPlane(whole: mask))
        let kept = Retouch.apply(RetouchStyle(strength: .none, eyesAndTeeth: false), image: spotted, masks: masks, faceWidth: Self.faceWidth)
        #expect(kept == spotted)
        let evened = Retouch.apply(RetouchStyle(strength: .none, eyesAndTeeth: false, spots: true), image: spotted, masks: masks, faceWidth: Self.faceWidth)
        #expect(evened != spotted)
        let style = try JSONDecoder().decode(RetouchStyle.self, from: Data(#"{"spots": true}"#.utf8))
        #expect(style.spots && style.strength == .light)
        #expect(try !JSONDecoder().decode(RetouchStyle.self, from: Data("{}".utf8)).spots)
        #expect(Look.builtIn.values.allSatisfy { !$0.retouch.spots }, "no built-in look removes spots")
    }

    /// On a real photo: a spot painted on the cheek stays with the default look and is evened with
    /// `spots`; the rest of the headshot is the same either way.
    @Test(.enabled(if: StudioFixtures.devPhotosReady, StudioFixtures.devPhotosSkipReason))
    func aSpotOnARealCheekIsEvenedOnlyWhenAsked() throws {
        let name = "portrait-2282px-smile-dark-bg-01.jpg"
        let (session, photo, found) = try StudioFixtures.analysedDevPhoto(name)
        let face = try #require(found.facesBySize.first)
        let mesh = try #require(face.landmarks)
        // Between the left cheek's landmark and the nose, on plain skin; 7 px across on a face of ~700 px.
        let p50 = mesh.points[50], p205 = mesh.points[205]
        let cheek = SIMD2<Float>((2 * p50.x + p205.x) / 3, (2 * p50.y + p205.y) / 3)
        var image = photo
        Self.paintSpot(&image, cx: cheek.x, cy: cheek.y, radius: 3.5, depth: 0.45)
        var plain = Look.builtIn["professional"]!
        plain.retouch.strength = .none; plain.retouch.eyesAndTeeth = false
        var evened = plain
        evened.retouch.spots = true
        let analysis = try found.addingMattes(for: [face], styles: [plain.framing], image: image, analyzer: session.analyzer, sourceName: name)
        let without = try StudioPipeline.render(image: image, analysis: analysis, face: face, look: plain)
        let with = try StudioPipeline.render(image: image, analysis: analysis, face: face, look: evened)
        let at = without.framing.transform.outputPoint(cheek), scale = 1 / Float(without.framing.transform.scale)
        func contrast(_ headshot: Image) -> Float {
            let core = Self.meanLuminance(crop(headshot, around: at, half: 30), cx: 30, cy: 30, from: 0, to: 1.5 * scale)
            let ring = Self.meanLuminance(crop(headshot, around: at, half: 30), cx: 30, cy: 30, from: 10 * scale, to: 14 * scale)
            return core / ring
        }
        #expect(contrast(without.headshot) < 0.8, "the painted spot shows without spots: \(contrast(without.headshot)) (with: \(contrast(with.headshot)))")
        #expect(contrast(with.headshot) > 0.92, "the spot is evened with spots: \(contrast(with.headshot))")
        // The credentials say which was done.
        #expect(with.edits.first { $0.action == "c2pa.filtered" }?.parameters["spots"] == "evened")
        #expect(without.edits.first { $0.action == "c2pa.filtered" }.map { $0.parameters["spots"] == "kept" } ?? true)
        var changedFar = 0
        for y in 0..<with.headshot.height { for x in 0..<with.headshot.width {
            let dx = Float(x) - at.x, dy = Float(y) - at.y
            guard (dx * dx + dy * dy).squareRoot() > 40 * scale else { continue }
            if abs(with.headshot[x, y, 1] - without.headshot[x, y, 1]) > 0.02 { changedFar += 1 }
        } }
        #expect(changedFar < with.headshot.width * with.headshot.height / 2000, "pixels changed away from the spot: \(changedFar)")
    }

    /// The square of `half` pixels around `centre` (clamped to the image).
    func crop(_ image: Image, around centre: SIMD2<Float>, half: Int) -> Image {
        var out = Image(width: 2 * half + 1, height: 2 * half + 1, filledWith: [0, 0, 0])
        for y in 0...(2 * half) { for x in 0...(2 * half) {
            let sx = min(image.width - 1, max(0, Int(centre.x.rounded()) - half + x)), sy = min(image.height - 1, max(0, Int(centre.y.rounded()) - half + y))
            for c in 0..<3 { out[x, y, c] = image[sx, sy, c] }
        } }
        return out
    }
}

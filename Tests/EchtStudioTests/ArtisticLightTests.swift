import EchtImaging
import EchtTestSupport
import EchtVision
import Foundation
import Testing
@testable import EchtStudio

/// The artistic look on real photos (issue #5): its key light shaped the face as a patch the
/// face oval cut out (lifted and washed out on the key side, a clamped dark blotch on the other,
/// a tonal edge along the jaw) and its grade made skin texture crunchy (143–172 % kept).
@Suite(.enabled(if: StudioFixtures.devPhotosReady, StudioFixtures.devPhotosSkipReason))
struct ArtisticLightTests {
    static let session = Result { try StudioSession() }

    /// One photo's largest face framed for the artistic look, rendered with its light and without.
    struct Rendered {
        let framed: FramedSubject, lit: StudioResult, unlit: StudioResult
    }

    static func render(_ name: String) throws -> Rendered {
        let session = try session.get()
        let image = try ImageFile.decode(contentsOf: Fixtures.devPhotos!.appendingPathComponent(name)).image
        let found = try session.analyse(image, name: name)
        let face = try StudioPipeline.chooseFace(in: found, index: nil, sourceName: name)
        let look = Look.builtIn["artistic"]!
        let analysis = try found.addingMattes(for: [face], styles: [look.framing], image: image, analyzer: session.analyzer, sourceName: name)
        let framed = try StudioPipeline.frame(image: image, analysis: analysis, face: face, style: look.framing, sourceName: name)
        var unlitLook = look
        unlitLook.light.key = 0
        let options = StudioOptions(presets: [], sourceName: name)
        return Rendered(framed: framed, lit: try StudioPipeline.render(image: image, framed: framed, face: face, look: look, options: options),
                        unlit: try StudioPipeline.render(image: image, framed: framed, face: face, look: unlitLook, options: options))
    }

    /// The jaw line (mesh face-oval points from ear to ear under the chin).
    static let jaw = [361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136, 172, 58, 132]

    /// What the light did in a disc: the mean of log(Y_lit / Y_unlit) and of log(C_lit / C_unlit)
    /// (Oklab chroma), over pixels fully on the person; nil when too few are.
    static func change(_ rendered: Rendered, at p: SIMD2<Float>, radius r: Float) -> (luma: Double, chroma: Double)? {
        let a = rendered.unlit.headshot, b = rendered.lit.headshot, alpha = rendered.framed.alpha
        var luma = 0.0, chroma = 0.0, n = 0
        let ri = Int(r.rounded(.up))
        for dy in -ri...ri {
            for dx in -ri...ri where Float(dx * dx + dy * dy) <= r * r {
                let x = Int(p.x) + dx, y = Int(p.y) + dy
                guard x >= 0, y >= 0, x < a.width, y < a.height, alpha.pixels[y * a.width + x] > 0.97 else { continue }
                let i = (y * a.width + x) * a.channels
                let u = SIMD3(a.pixels[i], a.pixels[i + 1], a.pixels[i + 2]), v = SIMD3(b.pixels[i], b.pixels[i + 1], b.pixels[i + 2])
                luma += Double(logf(max(SRGB.luminance(v.x, v.y, v.z), 1e-4) / max(SRGB.luminance(u.x, u.y, u.z), 1e-4)))
                let lu = Oklab.fromLinear(u), lv = Oklab.fromLinear(v)
                chroma += Double(logf(max((lv.y * lv.y + lv.z * lv.z).squareRoot(), 1e-4) / max((lu.y * lu.y + lu.z * lu.z).squareRoot(), 1e-4)))
                n += 1
            }
        }
        return n > 4 ? (luma / Double(n), chroma / Double(n)) : nil
    }

    /// Along the jaw, the light's change just inside the face minus just outside it (on the neck,
    /// a twentieth of the face width each way): a face-shaped patch shows as a step there.
    static func jawStep(_ rendered: Rendered) -> (luma: Double, chroma: Double, points: Int) {
        let mesh = rendered.framed.mesh, fw = rendered.framed.faceWidth
        let oval = MeshRegions.points(MeshRegions.faceOval, of: mesh)
        let centre = oval.reduce(SIMD2<Float>(0, 0), +) / Float(oval.count)
        var luma = 0.0, chroma = 0.0, count = 0
        for index in jaw {
            let p = SIMD2(mesh.points[index].x, mesh.points[index].y)
            var outward = p - centre
            outward /= (outward * outward).sum().squareRoot()
            guard let inside = change(rendered, at: p - outward * fw * 0.05, radius: fw * 0.025),
                  let outside = change(rendered, at: p + outward * fw * 0.05, radius: fw * 0.025) else { continue }
            luma += inside.luma - outside.luma; chroma += inside.chroma - outside.chroma; count += 1
        }
        return (luma / Double(max(count, 1)), chroma / Double(max(count, 1)), count)
    }

    /// The light's step across the jaw line (log luminance, log chroma) stays below 0.08 and
    /// 0.04. Before the fix (the face's term blended in by the face oval's narrow feather,
    /// clamped) on eyes-closed, red hat, Obama, outdoor: luminance −0.24, −0.29, −0.23, −0.19,
    /// chroma −0.01, −0.05, −0.10, −0.09; after: −0.06, −0.05, −0.05, −0.03 and 0.00, 0.00,
    /// −0.03, −0.01 (what is left is the jaw's own shade running on over the neck).
    @Test(arguments: ["portrait-eyes-closed-plain-bg-01.jpg", "portrait-red-hat-kodak-01.png", "portrait-official-studio-obama-01.jpg",
                      "portrait-outdoor-natural-light-01.png"])
    func theLightHasNoEdgeAlongTheJaw(_ name: String) throws {
        let rendered = try Self.render(name)
        let step = Self.jawStep(rendered)
        print("artistic jaw step \(name): luminance \(step.luma), chroma \(step.chroma) over \(step.points) points")
        #expect(step.points >= 6, "\(name): too few jaw points on the person")
        #expect(abs(step.luma) < 0.08, "\(name): the light steps by \(step.luma) (log luminance) across the jaw")
        #expect(abs(step.chroma) < 0.04, "\(name): the light steps by \(step.chroma) (log chroma) across the jaw")
    }

    /// Skin keeps its colour and the face is not lifted: over the skin mask, the artistic
    /// headshot's mean Oklab chroma is at least 85 % of the framed photo's, and the light lifts
    /// no tenth of the skin by more than 10 %. Before (eyes-closed, red hat, outdoor): chroma kept
    /// 0.81, 1.04, 0.88, lift 1.12, 1.12, 1.25; after: 0.90, 1.08, 0.93 and 1.03, 1.02, 1.07.
    @Test(arguments: ["portrait-eyes-closed-plain-bg-01.jpg", "portrait-red-hat-kodak-01.png", "portrait-outdoor-natural-light-01.png"])
    func skinKeepsItsColour(_ name: String) throws {
        let rendered = try Self.render(name)
        let skin = rendered.framed.masks.skin.whole, photo = rendered.framed.foreground, out = rendered.lit.headshot
        var before = 0.0, after = 0.0, lifts: [Float] = []
        for i in 0..<(skin.width * skin.height) where skin.pixels[i] > 0.5 {
            let u = SIMD3(photo.pixels[i * photo.channels], photo.pixels[i * photo.channels + 1], photo.pixels[i * photo.channels + 2])
            let v = SIMD3(out.pixels[i * 3], out.pixels[i * 3 + 1], out.pixels[i * 3 + 2])
            let lu = Oklab.fromLinear(u), lv = Oklab.fromLinear(v)
            before += Double((lu.y * lu.y + lu.z * lu.z).squareRoot()); after += Double((lv.y * lv.y + lv.z * lv.z).squareRoot())
            let w = rendered.unlit.headshot
            lifts.append(SRGB.luminance(v.x, v.y, v.z) / max(SRGB.luminance(w.pixels[i * 3], w.pixels[i * 3 + 1], w.pixels[i * 3 + 2]), 1e-4))
        }
        lifts.sort()
        let kept = after / before, lift = lifts[lifts.count * 9 / 10]
        print("artistic skin \(name): chroma kept \(kept), 90th percentile light lift \(lift)")
        #expect(kept >= 0.85, "\(name): the skin keeps \(kept) of its chroma")
        #expect(lift <= 1.10, "\(name): the light lifts a tenth of the skin by \(lift) or more")
    }

    /// Skin texture stays natural: the honesty report's figure for the artistic look within
    /// 80–140 % (before: 143–172 % on the dev photos, visibly crunchy skin; here 1.71, 1.68,
    /// 1.66, 1.72 before and 1.36, 1.26, 1.32, 1.32 after). The professional look reads
    /// 1.21–1.35 on these photos; the charcoal backdrop beside the skin's edge adds up to 0.13
    /// to the measure (eyes-closed: 1.22 on the person before compositing).
    @Test(arguments: ["portrait-eyes-closed-plain-bg-01.jpg", "portrait-red-hat-kodak-01.png", "portrait-official-studio-obama-01.jpg",
                      "portrait-outdoor-natural-light-01.png"])
    func textureStaysNatural(_ name: String) throws {
        let kept = try Self.render(name).lit.honesty.skinTextureKept
        print("artistic texture kept \(name): \(kept)")
        #expect((0.8...1.4).contains(kept), "\(name): texture kept \(kept)")
    }
}

import EchtImaging
import EchtVision
import Testing
@testable import EchtStudio

/// The per-look work made cheaper, on a real framed photo: the light's grid on eight lanes and
/// black pixels graded without the curve's table reads give what the per-pixel steps gave.
@Suite(.enabled(if: StudioFixtures.goldenFolder != nil, StudioFixtures.skipReason))
struct FinishPassTests {
    /// The astronaut framed for `look`, with the face it was framed for.
    static func framed(_ look: Look) throws -> (image: Image, framed: FramedSubject, face: Face) {
        let (image, analysis) = try StudioFixtures.astronautAnalysis()
        let face = analysis.faces[0]
        return (image, try StudioPipeline.frame(image: image, analysis: analysis, face: face, style: look.framing), face)
    }

    @Test("eight-lane runs between the light grid's cell centres give the per-pixel gains", arguments: ["professional", "artistic", "relaxed"])
    func gridLanesEqualPixelByPixel(_ name: String) throws {
        let look = Look.builtIn[name]!
        let subject = try Self.framed(look).framed
        let alpha = subject.alpha, width = alpha.width
        let field = try #require(MeshLight.Field(mesh: subject.mesh, light: look.light))
        var lanes = 0, differing = 0
        var out = [Float](repeating: 0, count: 8)
        alpha.pixels.withUnsafeBufferPointer { a in
            for y in 0..<alpha.height {
                let py = Float(y) + 0.5, gyf = (py - field.gy0) / field.cell - 0.5
                guard gyf >= 0 && gyf < Float(field.gh - 1) else { continue }
                let below = max(0, py - field.maxY) / (field.faceWidth * 8) * 0.3
                var line = [Float](repeating: 0, count: field.gw)
                line.withUnsafeMutableBufferPointer { field.gridLine(gyf, into: $0) }
                line.withUnsafeBufferPointer { line in
                    for x in stride(from: 0, to: width - 7, by: 8) {
                        let done = out.withUnsafeMutableBufferPointer {
                            field.gridLanes(x: x, a: a.baseAddress! + y * width, line: line, into: $0.baseAddress!)
                        }
                        guard done else { continue }
                        lanes += 1
                        for k in 0..<8 where out[k] != field.gain(x: x + k, a: a[y * width + x + k], below: below, line: line) {
                            differing += 1
                        }
                    }
                }
            }
        }
        #expect(lanes > 1000, "the face's rows run on the lanes")
        #expect(differing == 0)
    }

    @Test("eight black pixels graded as one constant equal the grade's steps", arguments: ["professional", "artistic", "relaxed"])
    func blackPixelsGradeAsTheSteps(_ name: String) throws {
        let look = Look.builtIn[name]!
        // The framed person's colours (black where the matte's surroundings are empty), with
        // negative zeros and a few lone non-black samples among the black.
        var pixels = try Self.framed(look).framed.foreground.pixels
        for i in stride(from: 0, to: pixels.count, by: 97) where pixels[i] == 0 { pixels[i] = -0.0 }
        for i in stride(from: 5, to: pixels.count, by: 4099) where pixels[i] == 0 { pixels[i] = 1e-7 }
        let curve = ToneCurve(contrast: look.grade.contrast, blackLift: look.grade.blackLift)
        let exposure: Float = 0.9, warm = SIMD3<Float>(1.01, 1, 0.97)
        var gains = (0..<8).map { Float(1) + Float($0) * 0.01 }
        var blackGroups = 0, differing = 0
        curve.withTable { table in
            let black = ToneCurve.map(SIMD8<Float>(repeating: 0), table)
            #expect(look.grade.blackLift == 0 || black[0] > 0, "a lifted black is not zero")
            for start in stride(from: 0, to: pixels.count - 23, by: 24) {
                var fast = Array(pixels[start..<(start + 24)]), full = fast
                if fast.allSatisfy({ $0 == 0 }) { blackGroups += 1 }
                gains.withUnsafeMutableBufferPointer { g in
                    fast.withUnsafeMutableBufferPointer {
                        ColourGrade.gradeEight($0.baseAddress!, channels: 3, gains: g.baseAddress!, exposure: exposure, warm: warm,
                                               saturation: look.grade.saturation, table: table, black: black)
                    }
                    full.withUnsafeMutableBufferPointer {
                        ColourGrade.gradeEight($0.baseAddress!, channels: 3, gains: g.baseAddress!, exposure: exposure, warm: warm,
                                               saturation: look.grade.saturation, table: table)
                    }
                }
                if zip(fast, full).contains(where: { $0.bitPattern != $1.bitPattern }) { differing += 1 }
            }
        }
        #expect(blackGroups > 100, "the frame has black runs")
        #expect(differing == 0)
    }
}

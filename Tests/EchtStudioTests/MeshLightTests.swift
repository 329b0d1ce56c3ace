import EchtImaging
import EchtVision
import Foundation
import Testing
@testable import EchtStudio

/// The light applied row by row, without a gain plane, gives what the gain plane gives.
@Suite(.enabled(if: StudioFixtures.goldenFolder != nil, StudioFixtures.skipReason))
struct MeshLightTests {
    @Test(arguments: ["professional", "artistic", "relaxed"])
    func lightingRowByRowEqualsTheGainPlane(_ name: String) throws {
        let image = try StudioFixtures.astronaut(), mesh = try StudioFixtures.astronautMesh()
        // A matte with a soft edge and exact zeros.
        let alpha = FusedPassTests.noisy(width: 512, height: 512, channels: 1, seed: 21, range: -0.5...1.5)
        let clamp = { (plane: Image) in Image(width: 512, height: 512, channels: 1, pixels: plane.pixels.map { min(max($0, 0), 1) }) }
        let light = Look.builtIn[name]!.light, balance = SIMD3<Float>(1.05, 0.97, 0.93)
        let gain = MeshLight.gain(mesh: mesh, alpha: clamp(alpha), light: light)
        #expect(gain.pixels.contains { $0 > 1 } && gain.pixels.contains { $0 < 1 }, "the light must brighten and darken somewhere")
        let lit = MeshLight.lit(image, balance: balance, mesh: mesh, alpha: clamp(alpha), light: light)
        #expect(lit == MeshLight.apply(gain, to: image, balance: balance))
    }

    @Test("rows lit eight pixels at a time, with a tail (width 509), equal the gain plane bit for bit",
          arguments: ["professional", "artistic"])
    func lightingInLanesWithATailEqualsTheGainPlane(_ name: String) throws {
        let full = try StudioFixtures.astronaut(), mesh = try StudioFixtures.astronautMesh()
        let width = 509, height = 512
        var pixels = [Float]()
        for y in 0..<height { pixels += full.pixels[(y * full.width * 3)..<((y * full.width + width) * 3)] }
        let image = Image(width: width, height: height, channels: 3, pixels: pixels)
        var alpha = FusedPassTests.noisy(width: width, height: height, channels: 1, seed: 27, range: -0.5...1.5)
        alpha.pixels = alpha.pixels.map { min(max($0, 0), 1) }
        let light = Look.builtIn[name]!.light, balance = SIMD3<Float>(1.05, 0.97, 0.93)
        let gain = MeshLight.gain(mesh: mesh, alpha: alpha, light: light)
        let lit = MeshLight.lit(image, balance: balance, mesh: mesh, alpha: alpha, light: light)
        #expect(lit == MeshLight.apply(gain, to: image, balance: balance))
    }

    @Test("eight-lane runs off the light's grid give the per-pixel gains bit for bit", arguments: ["professional", "artistic", "relaxed"])
    func lanesOffTheFaceEqualPixelByPixel(_ name: String) throws {
        let mesh = try StudioFixtures.astronautMesh(), light = Look.builtIn[name]!.light
        // A soft matte with exact zeros; rows hold runs on the lanes, runs over the light's
        // grid (around the face) and a tail (width 509).
        let width = 509, height = 512
        var alpha = FusedPassTests.noisy(width: width, height: height, channels: 1, seed: 23, range: -0.2...1.2)
        alpha.pixels = alpha.pixels.map { min(max($0, 0), 1) }
        let field = try #require(MeshLight.Field(mesh: mesh, light: light))
        var row = [Float](repeating: 0, count: width)
        var differing = 0
        var onGrid = 0
        for y in 0..<height {
            row.withUnsafeMutableBufferPointer { field.gains(row: y, alpha: alpha, into: $0) }
            let py = Float(y) + 0.5, gyf = (py - field.gy0) / field.cell - 0.5
            let below = max(0, py - field.maxY) / (field.faceWidth * 8) * 0.3
            var line = gyf >= 0 && gyf < Float(field.gh - 1) ? [Float](repeating: 0, count: field.gw) : []
            line.withUnsafeMutableBufferPointer { field.gridLine(gyf, into: $0) }
            if !line.isEmpty { onGrid += 1 }
            line.withUnsafeBufferPointer { line in
                for x in 0..<width where row[x] != field.gain(x: x, a: alpha.pixels[y * width + x], below: below, line: line) {
                    differing += 1
                }
            }
        }
        #expect(onGrid > 0 && onGrid < height, "rows on and off the grid")
        #expect(differing == 0)
    }
}

/// The light's gain is smooth everywhere on the person: no seam where the face's modelling hands
/// over to the body's falloff, also for a head bowed or raised far (whose face term is deep).
@Suite(.enabled(if: StudioFixtures.goldenFolder != nil, StudioFixtures.skipReason))
struct MeshLightSmoothnessTests {
    /// The astronaut's mesh turned about the horizontal axis through its centre by `degrees`,
    /// as the mesh of a bowed or raised head reads.
    static func pitched(_ mesh: FaceLandmarks, degrees: Float) -> FaceLandmarks {
        let n = Float(mesh.points.count)
        let centre = mesh.points.reduce(SIMD3<Float>(), +) / n
        let a = degrees * .pi / 180, c = cosf(a), s = sinf(a)
        let points = mesh.points.map { p -> SIMD3<Float> in
            let y = p.y - centre.y, z = p.z - centre.z
            return SIMD3(p.x, centre.y + y * c - z * s, centre.z + y * s + z * c)
        }
        return FaceLandmarks(points: points, presence: mesh.presence)
    }

    /// The largest step of the gain between neighbouring pixels, across and down.
    static func largestStep(_ gain: Image) -> Float {
        var largest: Float = 0
        let w = gain.width, g = gain.pixels
        for y in 0..<(gain.height - 1) {
            for x in 0..<(w - 1) {
                let here = g[y * w + x]
                largest = max(largest, abs(g[y * w + x + 1] - here), abs(g[(y + 1) * w + x] - here))
            }
        }
        return largest
    }

    @Test(arguments: [-50, -30, 0, 30, 50] as [Float])
    func noSeamInTheArtisticLight(_ degrees: Float) throws {
        let mesh = Self.pitched(try StudioFixtures.astronautMesh(), degrees: degrees)
        let alpha = Image.plane(width: 512, height: 512, value: 1)
        let gain = MeshLight.gain(mesh: mesh, alpha: alpha, light: Look.builtIn["artistic"]!.light)
        // A face-shaped step where the face's term ended was 0.09–0.12 here, at every pitch;
        // the shading inside the face itself changes by at most 0.04 from one pixel to the next.
        #expect(Self.largestStep(gain) < 0.06)
    }
}

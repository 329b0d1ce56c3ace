import EchtImaging
import Testing
@testable import EchtStudio

/// The light applied row by row, without a gain plane, gives what the gain plane gives.
@Suite(.enabled(if: StudioFixtures.goldenFolder != nil, StudioFixtures.skipReason))
struct MeshLightTests {
    @Test(arguments: ["professional", "artistic", "relaxed"])
    func lightingRowByRowEqualsTheGainPlane(_ name: String) throws {
        let image = try StudioFixtures.astronaut(), mesh = try StudioFixtures.astronautMesh()
        // A matte with a soft edge and a face oval over the mesh, both with exact zeros.
        let alpha = FusedPassTests.noisy(width: 512, height: 512, channels: 1, seed: 21, range: -0.5...1.5)
        let face = FusedPassTests.noisy(width: 512, height: 512, channels: 1, seed: 22, range: -1...1)
        let clamp = { (plane: Image) in Image(width: 512, height: 512, channels: 1, pixels: plane.pixels.map { min(max($0, 0), 1) }) }
        let light = Look.builtIn[name]!.light, balance = SIMD3<Float>(1.05, 0.97, 0.93)
        let gain = MeshLight.gain(mesh: mesh, faceMask: clamp(face), alpha: clamp(alpha), light: light)
        #expect(gain.pixels.contains { $0 > 1 } && gain.pixels.contains { $0 < 1 }, "the light must brighten and darken somewhere")
        let lit = MeshLight.lit(image, balance: balance, mesh: mesh, faceMask: clamp(face), alpha: clamp(alpha), light: light)
        #expect(lit == MeshLight.apply(gain, to: image, balance: balance))
    }
}

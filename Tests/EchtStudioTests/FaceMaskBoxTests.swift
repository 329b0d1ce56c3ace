import EchtImaging
import Testing
@testable import EchtStudio

/// The face masks' box: every mask is zero outside it, so work limited to it changes nothing.
@Suite(.enabled(if: StudioFixtures.goldenFolder != nil, StudioFixtures.skipReason))
struct FaceMaskBoxTests {
    @Test func masksAreZeroOutsideTheBoxAndTheEyeCleanUpInItIsTheWholeFramesOne() throws {
        let image = try StudioFixtures.astronaut(), mesh = try StudioFixtures.astronautMesh()
        let masks = FaceMasks.make(mesh: mesh, width: 512, height: 512, alpha: nil)
        let box = try #require(masks.box)
        #expect(box.x0 > 0 && box.y0 > 0 && box.x1 < 512 && box.y1 < 512, "the astronaut's face box lies inside the frame")
        for plane in [masks.skin, masks.eyes, masks.mouth, masks.face] {
            var outside = 0
            for y in 0..<512 { for x in 0..<512 where !(box.x0..<box.x1 ~= x && box.y0..<box.y1 ~= y) && plane[x, y, 0] != 0 { outside += 1 } }
            #expect(outside == 0)
        }
        let whole = Retouch.cleanEyesAndTeeth(image, eyes: masks.eyes, mouth: masks.mouth)
        #expect(whole != image, "the eyes or teeth must change somewhere")
        #expect(Retouch.cleanEyesAndTeeth(image, eyes: masks.eyes, mouth: masks.mouth, box: box) == whole)
    }
}

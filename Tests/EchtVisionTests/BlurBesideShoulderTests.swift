import EchtImaging
import EchtTestSupport
import Foundation
import Testing
@testable import EchtVision

/// Out-of-focus background inside the colour band beside the person (issue #5). A dark blur
/// between the lit top of a suit and a bystander's pink face had no background sample of its own
/// (it lies in the band); its nearest person colour, the suit's dark shade, was nearer than the
/// lighter background farther out, and the band added it to the person: a grey smudge off the
/// shoulder. Beside the temple the dark blur kept a haze the same way. The sure background now
/// runs into such smooth blur under the band (`BackgroundRunIn`) and it is a background sample;
/// the suit and the hair beside it stay.
struct BlurBesideShoulderTests {
    /// Clooney (3061×4600), photo pixels. Mean alpha before → after the change: blur just above
    /// the shoulder's edge 0.48 → 0.25, farther right 0.40 → 0.18, the dark blur by the temple
    /// 0.38 → 0.03; the suit below the edge 0.995 → 0.993, the grey hair at the temple 1.00.
    static let boxes = [
        MatteBox(name: "dark blur just above the shoulder", x: 2605..<2650, y: 2590..<2612, person: false),
        MatteBox(name: "dark blur above the shoulder, right", x: 2620..<2660, y: 2595..<2615, person: false),
        MatteBox(name: "dark blur by the temple", x: 605..<645, y: 1250..<1310, person: false),
        MatteBox(name: "suit below the shoulder's edge", x: 2580..<2620, y: 2640..<2670, person: true),
        MatteBox(name: "grey hair at the temple", x: 665..<720, y: 1250..<1350, person: true),
    ]

    @Test(.enabled(if: VisionModels.available && Fixtures.devPhotos != nil, "needs ../shared/photos/dev and the models"))
    func darkBlurBesideTheShoulderLeavesTheMatte() throws {
        let matte = try MatteBox.largestSubjectMatte(inDevPhoto: "portrait-xlarge-4600px-beard-cluttered-01.jpg")
        for box in Self.boxes {
            let mean = box.alpha(in: matte).mean
            print("blur beside shoulder test: \(box): mean alpha \(mean)")
            if box.person {
                #expect(mean > 0.98, "\(box): the person lost \(1 - mean) of it")
            } else {
                #expect(mean < 0.3, "\(box): the background keeps \(mean) of it")
            }
        }
    }
}

import EchtImaging
import EchtTestSupport
import Foundation
import Testing
@testable import EchtVision

/// A dark out-of-focus background under the model's mask beside light grey hair (issue #5): the
/// colour band did not trust its own "background" there, since a dark neutral background is what
/// the grey hair looks like in shadow (`Shading`), so a black chunk by the temple and a dark haze
/// above the hair stayed in every look. Where such dark pixels join the sure background through
/// pixels of the background's colour, the band trusts them now; the hair beside them stays.
struct DarkBlurBesideHairTests {
    /// Clooney (3061×4600), photo pixels. Mean alpha before the change: chunk by the left temple
    /// 0.76, camera's dark edge above the hair 0.67; after 0.38 and 0.40 (what stays is the soft
    /// ramp next to the hair). The grey hair at the temple and on top: 1.00 before and after.
    static let boxes = [
        MatteBox(name: "dark chunk by the temple", x: 605..<645, y: 1250..<1310, person: false),
        MatteBox(name: "camera's dark edge above the hair", x: 1240..<1290, y: 555..<595, person: false),
        MatteBox(name: "grey hair at the temple", x: 665..<720, y: 1250..<1350, person: true),
        MatteBox(name: "grey hair on top", x: 1240..<1400, y: 630..<700, person: true),
    ]

    @Test(.enabled(if: VisionModels.available && Fixtures.devPhotos != nil, "needs ../shared/photos/dev and the models"))
    func darkBlurBesideGreyHairLeavesTheMatte() throws {
        let matte = try MatteBox.largestSubjectMatte(inDevPhoto: "portrait-xlarge-4600px-beard-cluttered-01.jpg")
        for box in Self.boxes {
            let mean = box.alpha(in: matte).mean
            print("dark blur test: \(box): mean alpha \(mean)")
            if box.person {
                #expect(mean > 0.97, "\(box): the hair lost \(1 - mean) of it")
            } else {
                #expect(mean < 0.5, "\(box): the background keeps \(mean) of it")
            }
        }
    }
}

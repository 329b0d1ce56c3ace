import EchtImaging
import EchtTestSupport
import Foundation
import Testing
@testable import EchtVision

/// Bare shoulders cut short (issue #5): on the face-paint portrait (860×1198, dark skin before a
/// red-brown door) both shoulders run to the photo's bottom corners, but the matte ended them
/// 30–200 px inside in a ragged grey fringe: the first look fades there and the wide look's lift
/// stopped at the door's open background. `LowerCorners` lifts them; the door beside stays out.
struct ShoulderCornerTests {
    /// Boxes of photo pixels; person boxes need the mean, door boxes a highest alpha below 0.05.
    /// Mean / highest alpha before the fix → after: the left shoulder at the photo's edge
    /// 0.31 → 0.92 mean; the right shoulder's bottom 0.00 → 1.00; the skin above the left
    /// light-blue stroke (a grey smear) 0.71 → 0.94; the door just above each
    /// shoulder's outline near the photo's edges 0 → 0 highest.
    /// With the skin beside the corners (`CornerSkin`): the right shoulder's outer top, which
    /// both looks left out, 0.03 → 1.00 mean; the skin above the right light-blue stroke (grey
    /// flecks) 0.85 → 0.99; the door just above the new outline and beside the neck stay 0.
    static let boxes = [
        MatteBox(name: "left shoulder at the photo's edge", x: 0..<40, y: 1090..<1190, person: true, mean: 0.85),
        MatteBox(name: "right shoulder's bottom", x: 700..<850, y: 1165..<1195, person: true, mean: 0.95),
        MatteBox(name: "skin above the left light-blue stroke", x: 130..<200, y: 1005..<1045, person: true, mean: 0.9),
        MatteBox(name: "door above the right shoulder's end", x: 800..<860, y: 900..<960, person: false),
        MatteBox(name: "door above the left shoulder's end", x: 0..<60, y: 940..<1000, person: false),
        MatteBox(name: "right shoulder's outer top", x: 810..<860, y: 1025..<1100, person: true, mean: 0.9),
        MatteBox(name: "skin above the right light-blue stroke", x: 700..<780, y: 995..<1035, person: true, mean: 0.95),
        MatteBox(name: "door just above the right shoulder's outer top", x: 820..<860, y: 960..<995, person: false),
        MatteBox(name: "door right of the neck", x: 760..<860, y: 600..<940, person: false),
    ]

    @Test(.enabled(if: VisionModels.available && Fixtures.devPhotos != nil, "needs ../shared/photos/dev and the models"))
    func shouldersRunToThePhotosBottomCorners() throws {
        let matte = try MatteBox.largestSubjectMatte(inDevPhoto: "portrait-facepaint-dark-skin-01.png")
        for box in Self.boxes {
            let (mean, _, highest) = box.alpha(in: matte)
            print("shoulder corners: \(box): mean \(mean), highest \(highest)")
            if box.person {
                #expect(mean >= box.mean ?? 0.95, "\(box): the shoulder keeps only \(mean) of it")
            } else {
                #expect(highest < 0.05, "\(box): the door comes along, alpha up to \(highest)")
            }
        }
    }
}

import EchtImaging
import EchtTestSupport
import Foundation
import Testing
@testable import EchtVision

/// Grey smudges outside a dark suit before a flag (issues #4, #5): the colour band took grey
/// pixels between the flag's navy and white for a mix of the suit and the white, and trusted
/// them as part person where the coarse mask calls them background.
struct MatteSleeveTests {
    /// The Obama photo's right side (x 700–910, y 550–1137 of the whole-photo matte): pixels the
    /// coarse mask calls background with alpha above 0.5. Before the fix 15 (mask ≤ 0.1) and 93
    /// (mask < 0.4), after 13 and 71.
    @Test(.enabled(if: VisionModels.available && Fixtures.devPhotos != nil, "needs ../shared/photos/dev and the models"))
    func sleeveBeforeTheFlagGrowsNoSmudges() throws {
        let analyzer = try #require(VisionModels.analyzer)
        let matte = try DevPhotoMatte("portrait-official-studio-obama-01.jpg", analyzer: analyzer)
        let height = matte.alpha.count / matte.width
        var sure = 0, leaning = 0
        for y in 550..<height {
            for x in 700..<matte.width where matte.alpha[y * matte.width + x] > 0.5 {
                let m = matte.mask[y * matte.width + x]
                if m <= 0.1 { sure += 1 }
                if m < 0.4 { leaning += 1 }
            }
        }
        print("obama sleeve: \(sure) px with mask ≤ 0.1, \(leaning) px with mask < 0.4, alpha > 0.5")
        #expect(sure <= 13, "\(sure) px the mask calls background are kept as person beside the sleeve")
        #expect(leaning <= 80, "\(leaning) px the mask leans to background are kept as person beside the sleeve")
    }
}

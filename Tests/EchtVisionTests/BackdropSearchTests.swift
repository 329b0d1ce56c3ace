import EchtImaging
import EchtTestSupport
import Foundation
import Testing
@testable import EchtVision

/// `BackdropLookalikes.Search` asks its cells before the subject's share is known (the claim makes
/// it while the share is worked out); the cells that go are the same, to the cell, whichever cells
/// were asked beforehand: those of the share itself (`BackdropLookalikes.cells`), of a wider mask
/// (the claim's: the model's whole mask), of a mask that misses some of the share, or none.
struct BackdropSearchTests {
    @Test(.enabled(if: VisionModels.available && Fixtures.devPhotos != nil, "needs ../shared/photos/dev and the models"))
    func cellsAreTheSameWhicheverCellsWereAskedBeforehand() throws {
        let analyzer = try #require(VisionModels.analyzer)
        let url = try #require(Fixtures.devPhotos).appendingPathComponent("portrait-red-hat-kodak-01.png")
        let image = try ImageFile.decode(contentsOf: url).image
        let faces = try analyzer.faces(in: image)
        let face = try #require(faces.max { $0.detection.box.width < $1.detection.box.width })
        let region = PixelRect(minX: 0, minY: 0, maxX: Float(image.width), maxY: Float(image.height))
        let input = SelfieSegmenter.input(for: image, region: region)
        let raw = try analyzer.segmenter.coarseMask(input: input)
        let guide = SelfieSegmenter.guide(input: input)
        let share = SubjectPartition.isolating(raw, guide: guide, region: region,
                                               faces: [face.detection.box] + faces.filter { $0 != face }.map(\.detection.box), subject: 0)
        // A bound that misses the share's right half: those cells are asked when `cells` reads them.
        var partial = raw
        for i in partial.pixels.indices where i % partial.width >= partial.width / 2 { partial.pixels[i] = 0 }
        func search(within bound: Image?) -> [Bool] {
            BackdropLookalikes.Search(raw: raw, guide: guide, region: region, face: face.detection.box, within: bound).cells(mask: share)
        }
        let own = BackdropLookalikes.cells(mask: share, raw: raw, guide: guide, region: region, face: face.detection.box)
        print("backdrop search test: \(own.filter { $0 }.count) cells go")
        // The drape beside her neck goes (3618 cells of the 256×256 mask).
        #expect(own.filter { $0 }.count > 1000)
        func differing(_ cells: [Bool]) -> Int { zip(cells, own).filter { $0 != $1 }.count }
        #expect(differing(search(within: raw)) == 0)
        #expect(differing(search(within: partial)) == 0)
        #expect(differing(search(within: nil)) == 0)
    }
}

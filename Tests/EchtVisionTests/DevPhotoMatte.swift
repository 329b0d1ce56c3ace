import EchtImaging
import EchtTestSupport
import Foundation
@testable import EchtVision

/// A dev photo's whole-photo matte beside its coarse 256² mask resized to the photo, for tests
/// that count where the two disagree.
struct DevPhotoMatte {
    let width: Int
    /// The refined alpha, one value per photo pixel.
    let alpha: [Float]
    /// The selfie model's coarse mask, bilinearly resized to the photo.
    let mask: [Float]

    /// Decodes `name` from ../shared/photos/dev and refines its matte with the analyzer's options.
    init(_ name: String, analyzer: PortraitAnalyzer) throws {
        let photo = try ImageFile.decode(contentsOf: Fixtures.devPhotos!.appendingPathComponent(name)).image
        let coarse = try analyzer.segmenter.coarseMask(for: photo)
        width = photo.width
        alpha = MatteRefiner(options: analyzer.options.matte).refine(coarseMask: coarse, photo: photo).alpha.pixels
        mask = Raster(width: coarse.width, height: coarse.height, channels: 1, values: coarse.pixels)
            .resized(width: photo.width, height: photo.height).values
    }
}

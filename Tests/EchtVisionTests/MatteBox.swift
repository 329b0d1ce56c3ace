import EchtImaging
import EchtTestSupport
import Foundation
import Testing
@testable import EchtVision

/// A box of photo pixels in a regression test on a subject's matte, and whether it must be
/// person or backdrop there.
struct MatteBox: CustomStringConvertible {
    let name: String, x: Range<Int>, y: Range<Int>, person: Bool
    /// Lowest mean alpha a person box may have, where a test allows less than its usual bar.
    var mean: Float? = nil
    /// Lowest single alpha a person box may have, where a test checks for holes.
    var floor: Float? = nil
    var description: String { "\(name) (x \(x.lowerBound)–\(x.upperBound), y \(y.lowerBound)–\(y.upperBound))" }

    /// Mean, lowest and highest alpha of `matte` inside the box.
    func alpha(in matte: PersonMatte) -> (mean: Float, lowest: Float, highest: Float) {
        var sum: Float = 0, lowest: Float = 1, highest: Float = 0
        for row in y {
            for column in x {
                let a = matte.coverage(x: column, y: row)
                sum += a; lowest = min(lowest, a); highest = max(highest, a)
            }
        }
        return (sum / Float(x.count * y.count), lowest, highest)
    }

    /// The matte of the largest face in dev photo `name`, over the whole photo, as the studio
    /// makes it for a default run.
    static func largestSubjectMatte(inDevPhoto name: String) throws -> PersonMatte {
        let analyzer = try #require(VisionModels.analyzer)
        let url = try #require(Fixtures.devPhotos).appendingPathComponent(name)
        let image = try ImageFile.decode(contentsOf: url).image
        let faces = try analyzer.faces(in: image)
        let face = try #require(faces.max { $0.detection.box.width < $1.detection.box.width })
        let whole = PixelRect(minX: 0, minY: 0, maxX: Float(image.width), maxY: Float(image.height))
        return try analyzer.subjectMatte(for: face, among: faces, in: image, region: whole)
    }
}

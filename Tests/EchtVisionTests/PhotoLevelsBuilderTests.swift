import EchtImaging
import Testing
@testable import EchtVision

/// A photo's matte levels made band of rows by band of rows equal, value for value,
/// those `MatteRefiner.levels(of:)` makes from the finished photo.
struct PhotoLevelsBuilderTests {
    /// A photo of pseudo-random samples (not exactly representable sums, so a changed order of
    /// addition shows).
    static func photo(width: Int, height: Int, channels: Int) -> Image {
        var state: UInt32 = 12345
        let pixels = (0..<(width * height * channels)).map { _ -> Float in
            state = state &* 1_664_525 &+ 1_013_904_223
            return Float(state >> 8) / Float(1 << 24) * 1.3
        }
        return Image(width: width, height: height, channels: channels, pixels: pixels)
    }

    /// `photo`'s rows added in bands of the given heights (the last band takes the rest).
    static func built(_ photo: Image, bands: [Int], options: MatteRefiner.Options = .init()) -> PhotoLevels? {
        let builder = PhotoLevelsBuilder(options: options)
        var row = 0, k = 0
        while row < photo.height {
            let count = min(photo.height - row, bands[k % bands.count])
            builder.add(rows: row..<(row + count), of: photo)
            row += count; k += 1
        }
        return builder.levels(of: photo)
    }

    static func expectEqual(_ a: PhotoLevels, _ b: PhotoLevels) {
        for (x, y) in [(a.smallLinear, b.smallLinear), (a.smallGuide, b.smallGuide), (a.midLinear, b.midLinear), (a.midGuide, b.midGuide),
                       (a.linear, b.linear)] {
            #expect(x.width == y.width && x.height == y.height && x.channels == y.channels)
            let differing = zip(x.values, y.values).filter { $0 != $1 }.count
            #expect(differing == 0, "\(differing) of \(x.values.count) values differ")
        }
    }

    /// Sizes reduced by different factors at the two levels, with partial blocks dropped at the
    /// right and bottom edges; grey and RGBA photos read as RGB; bands of odd heights.
    @Test(arguments: [(1301, 703, 3), (700, 1931, 3), (1100, 900, 1), (1025, 650, 4)])
    func bandsGiveTheLevelsOfTheWholePhoto(size: (Int, Int, Int)) {
        let photo = Self.photo(width: size.0, height: size.1, channels: size.2)
        let expected = MatteRefiner().levels(of: photo)
        #expect(expected.smallLinear.width < photo.width, "the test photo must be reduced")
        guard let built = Self.built(photo, bands: [7, 128, 1, 33]) else {
            Issue.record("every row was handed over, so the levels must be made")
            return
        }
        Self.expectEqual(built, expected)
    }

    /// A photo within the working size is not reduced at all.
    @Test func smallPhotoIsItsOwnLevel() {
        let photo = Self.photo(width: 300, height: 200, channels: 3)
        guard let built = Self.built(photo, bands: [64]) else {
            Issue.record("every row was handed over, so the levels must be made")
            return
        }
        Self.expectEqual(built, MatteRefiner().levels(of: photo))
    }

    /// Rows missing, out of order, or of another photo: no levels (the caller makes them itself).
    @Test func incompleteRowsGiveNoLevels() {
        let photo = Self.photo(width: 800, height: 700, channels: 3)
        let builder = PhotoLevelsBuilder(options: .init())
        builder.add(rows: 0..<100, of: photo)
        builder.add(rows: 200..<300, of: photo)
        #expect(builder.levels(of: photo) == nil)
        #expect(PhotoLevelsBuilder(options: .init()).levels(of: photo) == nil)
        let whole = PhotoLevelsBuilder(options: .init())
        whole.add(rows: 0..<700, of: photo)
        #expect(whole.levels(of: photo) != nil)
        #expect(whole.levels(of: Self.photo(width: 800, height: 600, channels: 3)) == nil)
    }
}

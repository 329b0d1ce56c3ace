import EchtImaging
import Testing
@testable import EchtStudio

/// `HoleFill` fills from a hole's own rim, and `BackdropRenderer.defocus` uses it for the
/// person's place and for a frame reaching past the photo.
@Suite struct HoleFillTests {
    /// A 100×60 grey image, black on the left half and white on the right.
    static func split() -> [Float] {
        (0..<(100 * 60)).map { $0 % 100 < 50 ? 0 : 1 }
    }

    /// A grey RGB image and a one-channel mask, `paint` giving both values per pixel.
    static func painted(width: Int, height: Int, _ paint: (Int, Int) -> (grey: Float, mask: Float)) -> (Image, Image) {
        var image = Image(width: width, height: height, filledWith: [0, 0, 0])
        var mask = Image.plane(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                let (grey, value) = paint(x, y)
                for c in 0..<3 { image[x, y, c] = grey }
                mask[x, y, 0] = value
            }
        }
        return (image, mask)
    }

    @Test func knownPixelsAreKeptExactly() {
        let colour = (0..<(37 * 23 * 3)).map { Float($0 % 97) / 97 }
        let out = HoleFill.filled(colour, known: [Float](repeating: 1, count: 37 * 23), width: 37, height: 23, channels: 3,
                                  fallback: [0, 0, 0])
        #expect(out == colour)
    }

    @Test func aHoleIsFilledFromItsOwnSides() {
        // Columns 30..<70 unknown: the black side fills the left of the hole, the white side its right.
        let known: [Float] = (0..<(100 * 60)).map { (30..<70).contains($0 % 100) ? 0 : 1 }
        let out = HoleFill.filled(Self.split(), known: known, width: 100, height: 60, channels: 1, fallback: [0.5])
        for y in [5, 30, 55] {
            #expect(out[y * 100 + 31] < 0.15, "next to the black rim")
            #expect(out[y * 100 + 68] > 0.85, "next to the white rim")
            let row = (30..<70).map { out[y * 100 + $0] }
            #expect(zip(row, row.dropFirst()).allSatisfy { $0 <= $1 + 1e-6 }, "black to white without a step back")
        }
    }

    @Test func nothingKnownGivesTheFallback() {
        let out = HoleFill.filled([Float](repeating: 0.3, count: 8 * 5 * 3), known: [Float](repeating: 0, count: 40),
                                  width: 8, height: 5, channels: 3, fallback: [0.1, 0.2, 0.3])
        #expect(stride(from: 0, to: out.count, by: 3).allSatisfy { out[$0] == 0.1 && out[$0 + 1] == 0.2 && out[$0 + 2] == 0.3 })
    }

    /// A head before a black wall just under a bright ceiling strip, the backdrop not blurred:
    /// beside the head the wall stays black. (Filling the person's place with a wide average
    /// brought the strip's light down round the head as a grey halo.)
    @Test func noHaloRoundAHeadBeforeADarkWall() {
        let (photo, alpha) = Self.painted(width: 200, height: 250) { x, y in
            let dx = Float(x - 100), dy = Float(y - 150)
            if dx * dx / 3600 + dy * dy / 6400 < 1 { return (0.3, 1) }  // the head
            return (y < 75 ? 0.8 : 0.01, 0)  // ceiling strip, black wall
        }
        let plate = BackdropRenderer.defocus(.init(image: photo, alpha: alpha), radiusFraction: 0)
        // Just outside the head's sides, 20 px and more below the strip, where the grown matte
        // replaces the wall by the fill.
        for (x, y) in [(53, 95), (147, 95), (38, 130), (162, 130)] {
            #expect(plate[x, y, 1] < 0.05, "wall at (\(x), \(y)) is \(plate[x, y, 1])")
        }
        #expect(plate[100, 10, 1] > 0.7, "the ceiling strip stays bright")
    }

    /// What the fill made up: nothing where the photo's background shows, all of the person's
    /// place, spread by the blur alike.
    @Test func theMadeUpShareIsWhereTheFillShows() {
        let (photo, alpha) = Self.painted(width: 100, height: 100) { x, y in
            (30..<70).contains(x) && (30..<70).contains(y) ? (0.9, 1) : (0.2, 0)
        }
        let sharp = BackdropRenderer.defocusWithFill(.init(image: photo, alpha: alpha), radiusFraction: 0).madeUp
        #expect(sharp[50, 50, 0] == 1 && sharp[5, 5, 0] == 0 && sharp[95, 50, 0] == 0)
        let blurred = BackdropRenderer.defocusWithFill(.init(image: photo, alpha: alpha), radiusFraction: 0.1).madeUp
        #expect(blurred[50, 50, 0] > 0.8 && blurred[25, 50, 0] > 0.1 && blurred[2, 2, 0] < 0.05)
        let total = blurred.pixels.reduce(0, +), sharpTotal = sharp.pixels.reduce(0, +)
        #expect(abs(total - sharpTotal) < 0.05 * sharpTotal, "the blur moves the made-up share, it does not add any")
    }

    /// Rows of the frame past the photo's top edge are filled smoothly, not with the edge row's
    /// columns stretched upward.
    @Test func theFramePastThePhotoIsFilledNotStreaked() {
        let w = 120, h = 100
        // The warp repeats the photo's top row (stripes) into the 30 rows above it.
        let (photo, inside) = Self.painted(width: w, height: h) { x, y in
            (y <= 30 ? (x % 8 < 4 ? 0.9 : 0.1) : 0.5, y < 30 ? 0 : 1)
        }
        let plate = BackdropRenderer.defocus(.init(image: photo, alpha: .plane(width: w, height: h), inside: inside),
                                             radiusFraction: 0)
        let row = (0..<w).map { plate[$0, 5, 0] }
        let mean = row.reduce(0, +) / Float(w)
        #expect(row.allSatisfy { abs($0 - mean) < 0.1 }, "no stripes above the photo: \(row.min()!)...\(row.max()!)")
        #expect((40..<h).allSatisfy { y in (0..<w).allSatisfy { plate[$0, y, 0] == 0.5 } }, "the photo itself is kept as it is")
    }
}

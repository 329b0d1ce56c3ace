import EchtImaging
import Foundation

/// Makes a photo's `PhotoLevels` band of rows by band of rows, on the calling thread only (the
/// studio makes the whole photo's while the face search leaves the other core idle). The values
/// are those of `MatteRefiner.levels(of:)`: each block's sum runs over the same samples in the
/// same order (row by row, left to right), and is scaled once at the end.
public final class PhotoLevelsBuilder: @unchecked Sendable {
    /// The block sums of one reduced copy.
    private struct Sums {
        let factor: Int, width: Int, height: Int
        var values: [Float]

        init(factor: Int, photoWidth: Int, photoHeight: Int) {
            self.factor = factor
            width = max(1, photoWidth / factor); height = max(1, photoHeight / factor)
            values = [Float](repeating: 0, count: factor > 1 ? width * height * 3 : 0)
        }
    }

    private let options: MatteRefiner.Options
    private let lock = NSLock()
    private var size: (width: Int, height: Int)?
    private var small: Sums?, mid: Sums?
    private var rowsSeen = 0

    /// A builder for the levels `MatteRefiner(options:)` makes.
    public init(options: MatteRefiner.Options) { self.options = options }

    /// Adds `rows` of `photo`; bands must come in order, top to bottom, one at a time.
    public func add(rows: Range<Int>, of photo: Image) {
        lock.lock(); defer { lock.unlock() }
        if size == nil {
            size = (photo.width, photo.height)
            let longer = Double(max(photo.width, photo.height))
            small = Sums(factor: MatteRefiner.reduction(longer: longer, toSide: options.workingSide), photoWidth: photo.width, photoHeight: photo.height)
            mid = Sums(factor: MatteRefiner.reduction(longer: longer, toSide: options.foregroundSide), photoWidth: photo.width, photoHeight: photo.height)
        }
        guard let size, size == (photo.width, photo.height), rows.lowerBound == rowsSeen, rows.upperBound <= photo.height else {
            rowsSeen = -1
            return
        }
        let rowLength = photo.width * photo.channels
        photo.pixels.withUnsafeBufferPointer { samples in
            for y in rows {
                let row = UnsafeBufferPointer(rebasing: samples[(y * rowLength)..<((y + 1) * rowLength)])
                Self.accumulate(row, y: y, channels: photo.channels, photoWidth: photo.width, into: &small!)
                Self.accumulate(row, y: y, channels: photo.channels, photoWidth: photo.width, into: &mid!)
            }
        }
        rowsSeen = rows.upperBound
    }

    /// The levels of `photo`, whose rows were all added; nil when they were not (or another photo's were).
    public func levels(of photo: Image) -> PhotoLevels? {
        lock.lock(); defer { lock.unlock() }
        guard let size, size == (photo.width, photo.height), rowsSeen == photo.height, let small, let mid else { return nil }
        let linear = MatteRefiner.rgb(of: photo)
        let smallLinear = Self.finished(small, photo: linear), midLinear = Self.finished(mid, photo: linear)
        return PhotoLevels(linear: linear, smallLinear: smallLinear, smallGuide: MatteRefiner.encoded(smallLinear),
                           midLinear: midLinear, midGuide: MatteRefiner.encoded(midLinear))
    }

    /// Adds photo row `y` to the sums of the block row it belongs to (rows past the last whole block row are dropped).
    private static func accumulate(_ row: UnsafeBufferPointer<Float>, y: Int, channels c: Int, photoWidth: Int, into sums: inout Sums) {
        let f = sums.factor, w = sums.width
        guard f > 1, y / f < sums.height else { return }
        let green = c >= 3 ? 1 : 0, blue = c >= 3 ? 2 : 0
        sums.values.withUnsafeMutableBufferPointer { target in
            let base = (y / f) * w * 3
            for x in 0..<w {
                let d = base + x * 3
                for sx in (x * f)..<min(photoWidth, (x + 1) * f) {
                    let s = sx * c
                    target[d] += row[s]; target[d + 1] += row[s + green]; target[d + 2] += row[s + blue]
                }
            }
        }
    }

    /// The block means: the sums scaled by the block area (the photo itself when there is nothing to reduce).
    private static func finished(_ sums: Sums, photo: Raster) -> Raster {
        guard sums.factor > 1 else { return photo }
        let norm = 1 / Float(sums.factor * sums.factor)
        return Raster(width: sums.width, height: sums.height, channels: 3, values: sums.values.map { $0 * norm })
    }
}

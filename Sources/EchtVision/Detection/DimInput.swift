import Foundation
import EchtInference

/// Brightness normalisation of a detector input tensor (values in −1...1), for dim photos.
///
/// The detectors were trained on well-exposed faces; in underexposed light small faces sit in
/// the bottom fifth of the range and score below threshold. A tensor counts as dim when its
/// median is below `dimMedian`; it is then stretched between its 1st and 99.5th percentiles
/// and brightened with the gamma that takes the stretched median to `targetMedian`.
/// Only the detector's input is changed, never the photo.
enum DimInput {
    /// Median (on the 0...1 scale) below which a tensor is dim.
    static let dimMedian: Float = 0.3
    /// Median the normalised tensor gets (0...1 scale).
    static let targetMedian: Float = 0.45

    /// The normalised tensor, or nil when `tensor` is not dim.
    static func normalised(_ tensor: Tensor) -> Tensor? {
        let unit = tensor.values.map { ($0 + 1) / 2 }
        func rank(_ p: Float) -> Int { min(unit.count - 1, Int(p * Float(unit.count - 1))) }
        // The median is below `dimMedian` exactly when more values than its rank are: most
        // tensors are not dim, and need no sorting.
        guard unit.count > 0, unit.lazy.filter({ $0 < dimMedian }).count > rank(0.5) else { return nil }
        let picked = orderStatistics(unit, ranks: [rank(0.5), rank(0.01), rank(0.995)])
        let median = picked[0]
        let lo = picked[1], hi = max(picked[2], lo + 1e-3)
        let stretchedMedian = min(max((median - lo) / (hi - lo), 1e-3), 0.999)
        let gamma = min(1, log(targetMedian) / log(stretchedMedian))
        let values = unit.map { v -> Float in
            let s = min(max((v - lo) / (hi - lo), 0), 1)
            return pow(s, gamma) * 2 - 1
        }
        return Tensor(shape: tensor.shape, values: values)
    }

    /// `values.sorted()[rank]` for each of `ranks`, without sorting them all: the values are
    /// counted into bins that keep their order (by value clamped to 0...1), and only the bin
    /// holding a rank is sorted (its equal values stay in their order, as in a whole sort).
    static func orderStatistics(_ values: [Float], ranks: [Int]) -> [Float] {
        let bins = 4096
        func bin(_ v: Float) -> Int { v.isNaN ? 0 : Int(min(max(v, 0), 1) * Float(bins - 1)) }
        var counts = [Int](repeating: 0, count: bins)
        for v in values { counts[bin(v)] += 1 }
        return ranks.map { rank in
            var before = 0, b = 0
            while before + counts[b] <= rank { before += counts[b]; b += 1 }
            return values.filter { bin($0) == b }.sorted()[rank - before]
        }
    }
}

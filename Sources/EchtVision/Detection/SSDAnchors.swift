/// Anchor centres of MediaPipe's `SsdAnchorsCalculator` with `fixed_anchor_size: true`
/// (every anchor is 1×1, so only the centres and the per-cell count matter).
struct SSDAnchors: Sendable {
    /// Anchor centres in normalised tensor coordinates, in the model's output order.
    let centers: [SIMD2<Double>]

    /// Builds the anchors: layers sharing a stride form one grid, each layer contributes one
    /// anchor per aspect ratio (here 1) plus one interpolated anchor when
    /// `interpolatedScaleAspectRatio > 0`; grids in order, then rows, columns, anchors of a cell.
    init(inputSize: Int, strides: [Int], interpolatedScaleAspectRatio: Double, offset: Double = 0.5) {
        var centers: [SIMD2<Double>] = []
        var layer = 0
        while layer < strides.count {
            var perCell = 0
            var last = layer
            while last < strides.count && strides[last] == strides[layer] {
                perCell += 1 + (interpolatedScaleAspectRatio > 0 ? 1 : 0)
                last += 1
            }
            let grid = (inputSize + strides[layer] - 1) / strides[layer]
            for y in 0..<grid {
                for x in 0..<grid {
                    let centre = SIMD2((Double(x) + offset) / Double(grid), (Double(y) + offset) / Double(grid))
                    for _ in 0..<perCell { centers.append(centre) }
                }
            }
            layer = last
        }
        self.centers = centers
    }
}

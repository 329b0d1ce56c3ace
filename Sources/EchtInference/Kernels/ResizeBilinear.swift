/// RESIZE_BILINEAR with TFLite's align_corners / half_pixel_centers rules
/// (`reference/resize_bilinear.h`); the sampling tables are computed at load time.
struct ResizeBilinear: Kernel {
    /// Per output row or column: the two source indices and the weight of the second.
    struct Axis: Sendable {
        var low: [Int], high: [Int], fraction: [Float]

        init(input: Int, output: Int, alignCorners: Bool, halfPixelCenters: Bool) {
            let scale: Float = alignCorners && output > 1 ? Float(input - 1) / Float(output - 1) : Float(input) / Float(output)
            low = []; high = []; fraction = []
            for o in 0..<output {
                let s = halfPixelCenters ? (Float(o) + 0.5) * scale - 0.5 : Float(o) * scale
                let lo = max(Int(s.rounded(.down)), 0)
                let hi = min(Int(s.rounded(.up)), input - 1)
                low.append(min(lo, input - 1))
                high.append(max(hi, 0))
                fraction.append(s - Float(lo))
            }
        }
    }

    let inputOffset: Int, outputOffset: Int, inputWidth: Int, channels: Int
    let rows: Axis, columns: Axis

    static func make(_ context: NodeContext) throws(InferenceError) -> any Kernel {
        try context.expect(inputs: 2)
        let (height, width, channels) = try context.imageShape(0)
        let size = try context.integers(1)
        guard size.count == 2, size[0] > 0, size[1] > 0, height > 0, width > 0 else {
            throw context.invalid("expected a positive [height, width] size and a non-empty input but received \(size) for \(context.inputShape(0))")
        }
        try context.checkOutput([1, size[0], size[1], channels])
        let alignCorners = try context.optionBool(2), halfPixel = try context.optionBool(3)
        return ResizeBilinear(inputOffset: try context.activation(0), outputOffset: try context.output(),
                              inputWidth: width, channels: channels,
                              rows: Axis(input: height, output: size[0], alignCorners: alignCorners, halfPixelCenters: halfPixel),
                              columns: Axis(input: width, output: size[1], alignCorners: alignCorners, halfPixelCenters: halfPixel))
    }

    func run(_ arena: UnsafeMutablePointer<Float>) {
        let input = arena + inputOffset
        var target = arena + outputOffset
        let C = channels
        for oy in rows.low.indices {
            let fy = rows.fraction[oy]
            let top = input + rows.low[oy] * inputWidth * C, bottom = input + rows.high[oy] * inputWidth * C
            for ox in columns.low.indices {
                let fx = columns.fraction[ox]
                let l = columns.low[ox] * C, r = columns.high[ox] * C
                let w00 = (1 - fy) * (1 - fx), w10 = fy * (1 - fx), w01 = (1 - fy) * fx, w11 = fy * fx
                var c = 0
                let v00 = SIMD8(repeating: w00), v10 = SIMD8(repeating: w10), v01 = SIMD8(repeating: w01), v11 = SIMD8(repeating: w11)
                while c + 8 <= C {
                    let mixed = loadVector(top + l + c) * v00 + loadVector(bottom + l + c) * v10
                        + loadVector(top + r + c) * v01 + loadVector(bottom + r + c) * v11
                    storeVector(mixed, target + c)
                    c += 8
                }
                while c < C {
                    target[c] = top[l + c] * w00 + bottom[l + c] * w10 + top[r + c] * w01 + bottom[r + c] * w11
                    c += 1
                }
                target += C
            }
        }
    }
}

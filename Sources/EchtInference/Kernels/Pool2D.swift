/// MAX_POOL_2D and AVERAGE_POOL_2D: windows clipped to the input; the average divides by the
/// number of in-bounds cells.
struct Pool2D: Kernel {
    enum Kind: Sendable { case maximum, average }
    let kind: Kind
    let geometry: WindowedGeometry
    let inputOffset: Int, outputOffset: Int
    let activation: Activation

    static func make(_ kind: Kind) -> @Sendable (NodeContext) throws(InferenceError) -> any Kernel {
        { (context: NodeContext) throws(InferenceError) -> any Kernel in
            try context.expect(inputs: 1)
            let (height, width, channels) = try context.imageShape(0)
            var geometry = WindowedGeometry(
                inputHeight: height, inputWidth: width, channels: channels,
                kernelHeight: try context.positiveOption(4, "filter_height"), kernelWidth: try context.positiveOption(3, "filter_width"),
                strideHeight: try context.positiveOption(2, "stride_h"), strideWidth: try context.positiveOption(1, "stride_w"))
            geometry.resolve(same: try context.paddingIsSame(0))
            try context.checkOutput([1, geometry.outputHeight, geometry.outputWidth, channels])
            return Pool2D(kind: kind, geometry: geometry, inputOffset: try context.activation(0),
                          outputOffset: try context.output(), activation: try context.activationOption(5))
        }
    }

    func run(_ arena: UnsafeMutablePointer<Float>) {
        let g = geometry, channels = g.channels
        let input = arena + inputOffset, output = arena + outputOffset
        let (lower, upper) = activation.bounds
        let lo = SIMD8<Float>(repeating: lower), hi = SIMD8<Float>(repeating: upper)
        for oy in 0..<g.outputHeight {
            let y0 = max(oy * g.strideHeight - g.padTop, 0), y1 = min(oy * g.strideHeight - g.padTop + g.kernelHeight, g.inputHeight)
            for ox in 0..<g.outputWidth {
                let x0 = max(ox * g.strideWidth - g.padLeft, 0), x1 = min(ox * g.strideWidth - g.padLeft + g.kernelWidth, g.inputWidth)
                let target = output + (oy * g.outputWidth + ox) * channels
                let cells = max((y1 - y0) * (x1 - x0), 0)
                var c = 0
                while c + 8 <= channels {
                    var acc: SIMD8<Float>
                    if kind == .maximum {
                        acc = SIMD8(repeating: -.infinity)
                        for y in y0..<max(y1, y0) {
                            for x in x0..<max(x1, x0) { acc = maximum(acc, loadVector(input + (y * g.inputWidth + x) * channels + c)) }
                        }
                    } else {
                        acc = SIMD8()
                        for y in y0..<max(y1, y0) {
                            for x in x0..<max(x1, x0) { acc += loadVector(input + (y * g.inputWidth + x) * channels + c) }
                        }
                        acc /= SIMD8(repeating: Float(max(cells, 1)))
                    }
                    storeVector(clamp(acc, lo, hi), target + c)
                    c += 8
                }
                while c < channels {
                    var acc: Float = kind == .maximum ? -.infinity : 0
                    for y in y0..<max(y1, y0) {
                        for x in x0..<max(x1, x0) {
                            let v = input[(y * g.inputWidth + x) * channels + c]
                            acc = kind == .maximum ? Swift.max(acc, v) : acc + v
                        }
                    }
                    if kind == .average { acc /= Float(max(cells, 1)) }
                    target[c] = Swift.min(Swift.max(acc, lower), upper)
                    c += 1
                }
            }
        }
        if activation == .tanh { activation.apply(output, count: g.outputPixels * channels) }
    }
}

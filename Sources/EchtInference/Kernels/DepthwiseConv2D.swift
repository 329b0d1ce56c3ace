/// DEPTHWISE_CONV_2D: per-channel convolution over an indirection buffer, 8 channels per SIMD step.
/// Output channel `c·m + j` reads input channel `c` (m = depth multiplier).
struct DepthwiseConv2D: Kernel {
    let pixels: Int, taps: Int, inputChannels: Int, multiplier: Int
    let indirection: [Int32]
    /// `[tap][outputChannel]`, the filter's own layout.
    let weights: [Float]
    let bias: [Float]
    let outputOffset: Int
    let activation: Activation

    static func make(_ context: NodeContext) throws(InferenceError) -> any Kernel {
        try context.expect(inputs: 2, 3)
        let (height, width, channels) = try context.imageShape(0)
        let filterShape = context.inputShape(1)
        guard filterShape.count == 4, filterShape[0] == 1, channels > 0, filterShape[3] % channels == 0, filterShape[3] > 0 else {
            throw context.invalid("expected filter of shape [1, kh, kw, \(channels)·m] but received \(filterShape)")
        }
        var geometry = WindowedGeometry(
            inputHeight: height, inputWidth: width, channels: channels,
            kernelHeight: filterShape[1], kernelWidth: filterShape[2],
            strideHeight: try context.positiveOption(2, "stride_h"), strideWidth: try context.positiveOption(1, "stride_w"),
            dilationHeight: try context.positiveOption(6, "dilation_h"), dilationWidth: try context.positiveOption(5, "dilation_w"))
        context.resolve(&geometry, same: try context.paddingIsSame(0))
        let outputChannels = filterShape[3]
        try context.checkOutput([1, geometry.outputHeight, geometry.outputWidth, outputChannels])
        let bias = context.op.inputs.count > 2 ? try context.constant(2) : [Float](repeating: 0, count: outputChannels)
        guard bias.count == outputChannels else { throw context.invalid("expected \(outputChannels) bias values but received \(bias.count)") }
        return DepthwiseConv2D(geometry: geometry, filter: try context.constant(1), bias: bias,
                               multiplier: outputChannels / channels, inputOffset: try context.activation(0),
                               zeroOffset: context.zeroOffset, outputOffset: try context.output(),
                               activation: try context.activationOption(4))
    }

    init(geometry: WindowedGeometry, filter: [Float], bias: [Float], multiplier: Int,
         inputOffset: Int, zeroOffset: Int, outputOffset: Int, activation: Activation) {
        pixels = geometry.outputPixels
        taps = geometry.taps
        inputChannels = geometry.channels
        self.multiplier = multiplier
        indirection = geometry.indirection(inputOffset: inputOffset, zeroOffset: zeroOffset)
        weights = filter
        self.bias = bias
        self.outputOffset = outputOffset
        self.activation = activation
    }

    var summary: String { "\(pixels) px, \(taps) taps, \(inputChannels) ch" }

    func run(_ arena: UnsafeMutablePointer<Float>) {
        indirection.withUnsafeBufferPointer { indirection in
            weights.withUnsafeBufferPointer { weights in
                bias.withUnsafeBufferPointer { bias in
                    if multiplier == 1 {
                        computeSingle(arena, indirection.baseAddress!, weights.baseAddress!, bias.baseAddress!)
                    } else {
                        computeGeneral(arena, indirection.baseAddress!, weights.baseAddress!, bias.baseAddress!)
                    }
                }
            }
        }
    }

    private func computeSingle(_ arena: UnsafeMutablePointer<Float>, _ indirection: UnsafePointer<Int32>,
                               _ weights: UnsafePointer<Float>, _ bias: UnsafePointer<Float>) {
        let channels = inputChannels, taps = self.taps
        let (lower, upper) = activation.bounds
        let lo = SIMD8<Float>(repeating: lower), hi = SIMD8<Float>(repeating: upper)
        let output = arena + outputOffset
        for p in 0..<pixels {
            let rows = indirection + p * taps
            let target = output + p * channels
            var c = 0
            while c + 8 <= channels {
                var acc = loadVector(bias + c)
                for t in 0..<taps {
                    multiplyAdd(&acc, loadVector(arena + Int(rows[t]) + c), loadVector(weights + t * channels + c))
                }
                storeVector(clamp(acc, lo, hi), target + c)
                c += 8
            }
            while c < channels {
                var acc = bias[c]
                for t in 0..<taps { acc += arena[Int(rows[t]) + c] * weights[t * channels + c] }
                target[c] = Swift.min(Swift.max(acc, lower), upper)
                c += 1
            }
        }
        if activation == .tanh { activation.apply(output, count: pixels * channels) }
    }

    private func computeGeneral(_ arena: UnsafeMutablePointer<Float>, _ indirection: UnsafePointer<Int32>,
                                _ weights: UnsafePointer<Float>, _ bias: UnsafePointer<Float>) {
        let outC = inputChannels * multiplier
        let output = arena + outputOffset
        for p in 0..<pixels {
            for c in 0..<inputChannels {
                for j in 0..<multiplier {
                    let o = c * multiplier + j
                    var acc = bias[o]
                    for t in 0..<taps { acc += arena[Int(indirection[p * taps + t]) + c] * weights[t * outC + o] }
                    output[p * outC + o] = activation.apply(acc)
                }
            }
        }
    }
}

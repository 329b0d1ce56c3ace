/// DEPTHWISE_CONV_2D: per-channel convolution over an indirection buffer, 8 channels per SIMD step.
/// Output channel `c·m + j` reads input channel `c` (m = depth multiplier).
struct DepthwiseConv2D: Kernel {
    let pixels: Int, taps: Int, inputChannels: Int, multiplier: Int
    let indirection: [Int32]
    /// `[tap][outputChannel]`, the filter's own layout.
    let weights: [Float]
    let bias: [Float]
    /// Per-channel factors for negative results (a fused PRELU), 1 otherwise.
    let slopes: [Float]
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
        guard geometry.outputPixels * geometry.taps <= ModelFile.maximumElements else {
            throw context.invalid("a \(geometry.kernelHeight)×\(geometry.kernelWidth) window over \(geometry.outputPixels) output pixels is too large")
        }
        let outputChannels = filterShape[3]
        try context.checkOutput([1, geometry.outputHeight, geometry.outputWidth, outputChannels])
        let bias = context.op.inputs.count > 2 ? try context.constant(2) : [Float](repeating: 0, count: outputChannels)
        guard bias.count == outputChannels else { throw context.invalid("expected \(outputChannels) bias values but received \(bias.count)") }
        return DepthwiseConv2D(geometry: geometry, filter: try context.constant(1), bias: bias,
                               multiplier: outputChannels / channels, inputOffset: try context.activation(0),
                               zeroOffset: context.zeroOffset, outputOffset: try context.output(),
                               activation: try context.activationOption(4),
                               slopes: try context.negativeSlopes(channels: outputChannels))
    }

    init(geometry: WindowedGeometry, filter: [Float], bias: [Float], multiplier: Int,
         inputOffset: Int, zeroOffset: Int, outputOffset: Int, activation: Activation, slopes: [Float]? = nil) {
        self.slopes = slopes ?? [Float](repeating: 1, count: bias.count)
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

    var storageBytes: Int { (weights.count + bias.count + indirection.count) * 4 }

    var parallelWork: Int { pixels * taps * inputChannels * multiplier }

    func run(_ arena: UnsafeMutablePointer<Float>) {
        run(arena, slice: 0, of: 1)
    }

    func run(_ arena: UnsafeMutablePointer<Float>, slice: Int, of slices: Int) {
        let range = pixelRange(pixels, slice: slice, of: slices, multiple: 64)
        guard !range.isEmpty else { return }
        let (first, end) = (range.lowerBound, range.upperBound)
        indirection.withUnsafeBufferPointer { indirection in
            weights.withUnsafeBufferPointer { weights in
                bias.withUnsafeBufferPointer { bias in
                    slopes.withUnsafeBufferPointer { slopes in
                        let (i, w, b, s) = (indirection.baseAddress!, weights.baseAddress!, bias.baseAddress!, slopes.baseAddress!)
                        if multiplier == 1 && taps == 9 && inputChannels % 8 == 0 {
                            computeNineTaps(arena, i, w, b, s, first, end)
                        } else if multiplier == 1 {
                            computeSingle(arena, i, w, b, s, first, end)
                        } else {
                            computeGeneral(arena, i, w, b, s, first, end)
                        }
                    }
                }
            }
        }
        let channels = inputChannels * multiplier
        if activation == .tanh { activation.apply(arena + outputOffset + first * channels, count: range.count * channels) }
    }

    /// 3×3 windows, channels a multiple of 8: per 8-channel block the nine weight vectors stay in
    /// registers while the block walks a chunk of pixels.
    private func computeNineTaps(_ arena: UnsafeMutablePointer<Float>, _ indirection: UnsafePointer<Int32>,
                                 _ weights: UnsafePointer<Float>, _ bias: UnsafePointer<Float>,
                                 _ slopes: UnsafePointer<Float>, _ first: Int, _ end: Int) {
        let channels = inputChannels
        let (lower, upper) = activation.bounds
        let lo = SIMD8<Float>(repeating: lower), hi = SIMD8<Float>(repeating: upper)
        let output = arena + outputOffset
        // Pixels in chunks of 64 so the input rows a chunk reads stay in L1 across channel blocks.
        var start = first
        while start < end {
            let stop = min(start + 64, end)
            var c = 0
            while c < channels {
                let w0 = loadVector(weights + c), w1 = loadVector(weights + channels + c), w2 = loadVector(weights + 2 * channels + c)
                let w3 = loadVector(weights + 3 * channels + c), w4 = loadVector(weights + 4 * channels + c)
                let w5 = loadVector(weights + 5 * channels + c), w6 = loadVector(weights + 6 * channels + c)
                let w7 = loadVector(weights + 7 * channels + c), w8 = loadVector(weights + 8 * channels + c)
                let b = loadVector(bias + c), slope = loadVector(slopes + c)
                let input = UnsafePointer(arena + c)
                var rows = indirection + start * 9
                var target = output + start * channels + c
                for _ in start..<stop {
                    var even = b, odd = SIMD8<Float>()
                    multiplyAdd(&even, loadVector(input + Int(rows[0])), w0)
                    multiplyAdd(&odd, loadVector(input + Int(rows[1])), w1)
                    multiplyAdd(&even, loadVector(input + Int(rows[2])), w2)
                    multiplyAdd(&odd, loadVector(input + Int(rows[3])), w3)
                    multiplyAdd(&even, loadVector(input + Int(rows[4])), w4)
                    multiplyAdd(&odd, loadVector(input + Int(rows[5])), w5)
                    multiplyAdd(&even, loadVector(input + Int(rows[6])), w6)
                    multiplyAdd(&odd, loadVector(input + Int(rows[7])), w7)
                    multiplyAdd(&even, loadVector(input + Int(rows[8])), w8)
                    var r = clamp(even + odd, lo, hi)
                    r.replace(with: r * slope, where: r .< 0)
                    storeVector(r, target)
                    rows += 9
                    target += channels
                }
                c += 8
            }
            start = stop
        }
    }

    private func computeSingle(_ arena: UnsafeMutablePointer<Float>, _ indirection: UnsafePointer<Int32>,
                               _ weights: UnsafePointer<Float>, _ bias: UnsafePointer<Float>,
                               _ slopes: UnsafePointer<Float>, _ first: Int, _ end: Int) {
        let channels = inputChannels, taps = self.taps
        let (lower, upper) = activation.bounds
        let lo = SIMD8<Float>(repeating: lower), hi = SIMD8<Float>(repeating: upper)
        let output = arena + outputOffset
        // Two pixels at a time, taps split into even/odd partial sums: four independent FMA chains.
        var p = first
        while p < end {
            let pair = p + 1 < end
            let rows0 = indirection + p * taps, rows1 = indirection + (pair ? p + 1 : p) * taps
            let target0 = output + p * channels, target1 = output + (pair ? p + 1 : p) * channels
            var c = 0
            while c + 8 <= channels {
                let b = loadVector(bias + c)
                var e0 = b, o0 = SIMD8<Float>(), e1 = b, o1 = SIMD8<Float>()
                var t = 0
                while t + 2 <= taps {
                    let wa = loadVector(weights + t * channels + c), wb = loadVector(weights + (t + 1) * channels + c)
                    multiplyAdd(&e0, loadVector(arena + Int(rows0[t]) + c), wa)
                    multiplyAdd(&o0, loadVector(arena + Int(rows0[t + 1]) + c), wb)
                    multiplyAdd(&e1, loadVector(arena + Int(rows1[t]) + c), wa)
                    multiplyAdd(&o1, loadVector(arena + Int(rows1[t + 1]) + c), wb)
                    t += 2
                }
                if t < taps {
                    let wa = loadVector(weights + t * channels + c)
                    multiplyAdd(&e0, loadVector(arena + Int(rows0[t]) + c), wa)
                    multiplyAdd(&e1, loadVector(arena + Int(rows1[t]) + c), wa)
                }
                let slope = loadVector(slopes + c)
                var r0 = clamp(e0 + o0, lo, hi), r1 = clamp(e1 + o1, lo, hi)
                r0.replace(with: r0 * slope, where: r0 .< 0)
                r1.replace(with: r1 * slope, where: r1 .< 0)
                storeVector(r0, target0 + c)
                storeVector(r1, target1 + c)
                c += 8
            }
            while c < channels {
                var acc0 = bias[c], acc1 = bias[c]
                for t in 0..<taps {
                    acc0 += arena[Int(rows0[t]) + c] * weights[t * channels + c]
                    acc1 += arena[Int(rows1[t]) + c] * weights[t * channels + c]
                }
                acc0 = Swift.min(Swift.max(acc0, lower), upper)
                acc1 = Swift.min(Swift.max(acc1, lower), upper)
                target0[c] = acc0 < 0 ? acc0 * slopes[c] : acc0
                target1[c] = acc1 < 0 ? acc1 * slopes[c] : acc1
                c += 1
            }
            p += 2
        }
    }

    private func computeGeneral(_ arena: UnsafeMutablePointer<Float>, _ indirection: UnsafePointer<Int32>,
                                _ weights: UnsafePointer<Float>, _ bias: UnsafePointer<Float>,
                                _ slopes: UnsafePointer<Float>, _ first: Int, _ end: Int) {
        let outC = inputChannels * multiplier
        let output = arena + outputOffset
        for p in first..<end {
            for c in 0..<inputChannels {
                for j in 0..<multiplier {
                    let o = c * multiplier + j
                    var acc = bias[o]
                    for t in 0..<taps { acc += arena[Int(indirection[p * taps + t]) + c] * weights[t * outC + o] }
                    let value = activation.apply(acc)
                    output[p * outC + o] = value < 0 ? value * slopes[o] : value
                }
            }
        }
    }
}
